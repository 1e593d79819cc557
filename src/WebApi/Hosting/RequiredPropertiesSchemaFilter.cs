using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace VariantMiner.WebApi.Hosting;

/// <summary>
/// Responses: every property is required — the serializer always writes them (null where nullable), so generated
/// clients type them as present (`string | null`, not optional). Requests (mediator messages): only the
/// non-nullable properties are required; nullable ones may be left out (<see cref="RequestBodyContract"/>, which the
/// JSON reader enforces).
/// </summary>
internal sealed class RequiredPropertiesSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete || concrete.Properties is not { Count: > 0 } properties) return;
        if (context.Type.Namespace?.StartsWith("VariantMiner", StringComparison.Ordinal) != true) return;
        concrete.Required ??= new HashSet<string>();
        var isRequest = RequestBodyContract.IsRequest(context.Type);
        foreach (var (name, property) in properties)
        {
            var nullable = property.Type is { } type && type.HasFlag(JsonSchemaType.Null);
            if (!isRequest || !nullable) concrete.Required.Add(name);
        }
    }
}
