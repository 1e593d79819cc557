using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace VariantMiner.WebApi.Hosting;

/// <summary>
/// Marks every property of our DTOs as required: the serializer always writes them (null where nullable), so
/// generated clients should type them as present — `string | null`, not optional.
/// </summary>
internal sealed class RequiredPropertiesSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete || concrete.Properties is not { Count: > 0 } properties) return;
        if (context.Type.Namespace?.StartsWith("VariantMiner", StringComparison.Ordinal) != true) return;
        concrete.Required ??= new HashSet<string>();
        foreach (var name in properties.Keys) concrete.Required.Add(name);
    }
}
