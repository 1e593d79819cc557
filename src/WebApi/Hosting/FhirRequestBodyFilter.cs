using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace VariantMiner.WebApi.Hosting;

/// <summary>
/// Marks a route that takes either a JSON body of <see cref="JsonBody"/> or a FHIR resource (application/fhir+json). The
/// route reads the body itself, by its content type; this only tells the OpenAPI document (Accepts metadata would also
/// make routing answer 404 for any other content type, instead of the route's own 415).
/// </summary>
internal sealed record AcceptsJsonOrFhir(Type JsonBody, string FhirDescription);

internal sealed class FhirRequestBodyFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<AcceptsJsonOrFhir>().SingleOrDefault() is not { } accepts) return;
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["application/json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(accepts.JsonBody, context.SchemaRepository) },
                [Application.Reports.FhirReport.MediaType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Description = accepts.FhirDescription } },
            },
        };
    }
}
