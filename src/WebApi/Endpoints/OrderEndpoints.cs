using VariantMiner.Application.Orders;
using VariantMiner.Application.Reports;
using VariantMiner.WebApi.Hosting;

namespace VariantMiner.WebApi.Endpoints;

/// <summary>Orders of a workspace: the clinical requests reports answer.</summary>
internal sealed class OrderEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/orders")
            .RequireAuthorization()
            .WithTags("Orders")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        orders.MapGet("", async Task<Ok<IReadOnlyList<OrderDto>>> (Guid orgId, Guid workspaceId, string? status, string? priority, bool? overdue, ISender sender,
                CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListOrders(orgId, workspaceId) { Status = status, Priority = priority, Overdue = overdue }, ct)))
            .WithName("Orders_List")
            .WithSummary("The orders I see (every sample visible, or assigned to me), overdue first, then by due date and priority; filters status, priority, overdue=true.")
            .ProducesValidationProblem();

        // One route, two languages: the order as JSON, or as a LIMS or an EHR sends it (FHIR R4, application/fhir+json),
        // chosen by the content type. The body is read here; any other type is the intake's 415, after the scope checks.
        orders.MapPost("", async Task<Created<OrderDto>> (Guid orgId, Guid workspaceId, HttpRequest request, ISender sender, CancellationToken ct) =>
            {
                OrderDto created;
                if (request.HasJsonContentType() && !IsFhir(request))
                {
                    var body = await ReadJsonAsync<CreateOrder>(request, ct);
                    created = await sender.Send(body with { OrganizationId = orgId, WorkspaceId = workspaceId }, ct);
                }
                else
                {
                    using var reader = new StreamReader(request.Body);
                    var json = await reader.ReadToEndAsync(ct);
                    created = await sender.Send(new IntakeServiceRequest(json, request.ContentType) { OrganizationId = orgId, WorkspaceId = workspaceId }, ct);
                }
                return TypedResults.Created($"/api/organizations/{orgId}/workspaces/{workspaceId}/orders/{created.Id}", created);
            })
            .WithName("Orders_Create")
            .WithSummary("Records an order (orders.manage). As application/json: {sampleIds, test, orderingClinician, orderingInstitution?, indication?, phenotypeTerms? (HPO), priority?, dueDate?, externalId?, assigneeIds?}. As application/fhir+json: a Bundle with a ServiceRequest, its Patient and Specimens (or a ServiceRequest with them contained) — the Patient becomes or finds the subject, each Specimen a sample; a missing or malformed element is a 400 naming its FHIR path, and nothing is recorded.")
            .WithMetadata(new AcceptsJsonOrFhir(typeof(CreateOrder), "A FHIR R4 Bundle (ServiceRequest, Patient, Specimens) or a ServiceRequest with them contained."))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        orders.MapGet("/{orderId:guid}", async Task<Ok<OrderDto>> (Guid orgId, Guid workspaceId, Guid orderId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetOrder(orgId, workspaceId, orderId), ct)))
            .WithName("Orders_Get")
            .WithSummary("One order I see.");

        orders.MapPatch("/{orderId:guid}", async Task<Ok<OrderDto>> (Guid orgId, Guid workspaceId, Guid orderId, UpdateOrder body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { OrganizationId = orgId, WorkspaceId = workspaceId, OrderId = orderId }, ct)))
            .WithName("Orders_Update")
            .WithSummary("Changes an order (orders.manage): the fields given; status received → in-progress → reported → closed, or cancelled while open; assigneeIds.")
            .ProducesValidationProblem();
    }

    private static bool IsFhir(HttpRequest request) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals(FhirReport.MediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>The body as the framework would bind it: malformed JSON is the same 400 problem as on every other route.</summary>
    private static async Task<T> ReadJsonAsync<T>(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return await request.ReadFromJsonAsync<T>(ct) ?? throw new BadHttpRequestException("The request needs a body.");
        }
        catch (System.Text.Json.JsonException json)
        {
            throw new BadHttpRequestException("The body is not valid JSON.", json);
        }
    }
}
