using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace VariantMiner.WebApi.Hosting;

/// <summary>
/// The one rule for request bodies (mediator messages), shared by the JSON reader and the OpenAPI document: a
/// non-nullable field is required and may not be null; a nullable field is optional. A missing or null required field
/// is therefore a 400 problem instead of silently becoming <c>false</c>, <c>0</c> or an empty GUID.
/// Responses are written as before: their nullability is not checked at run time.
/// </summary>
internal static class RequestBodyContract
{
    public static bool IsRequest(Type type) =>
        typeof(Mediator.IMessage).IsAssignableFrom(type) && type.Namespace?.StartsWith("VariantMiner", StringComparison.Ordinal) == true;

    public static void Apply(JsonSerializerOptions options)
    {
        // Reads of non-nullable members refuse null; writes are exempted below so a response can never fail on it.
        options.RespectNullableAnnotations = true;
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(Modify);
    }

    private static void Modify(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object) return;
        var request = IsRequest(typeInfo.Type);
        foreach (var property in typeInfo.Properties)
        {
            var canBeNull = !property.PropertyType.IsValueType || Nullable.GetUnderlyingType(property.PropertyType) is not null;
            var readFromBody = property.Set is not null || property.AssociatedParameter is not null; // [JsonIgnore] ones are not
            if (request && readFromBody) property.IsRequired = !canBeNull || !property.IsSetNullable;
            if (!canBeNull) continue;
            property.IsGetNullable = true;
            if (!request) property.IsSetNullable = true;
        }
    }
}
