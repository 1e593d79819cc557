using VariantMiner.Application.Orders;

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

        orders.MapPost("", async Task<Created<OrderDto>> (Guid orgId, Guid workspaceId, CreateOrder body, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(body with { OrganizationId = orgId, WorkspaceId = workspaceId }, ct);
                return TypedResults.Created($"/api/organizations/{orgId}/workspaces/{workspaceId}/orders/{created.Id}", created);
            })
            .WithName("Orders_Create")
            .WithSummary("Records an order (orders.manage): {sampleIds, test, orderingClinician, orderingInstitution?, indication?, phenotypeTerms? (HPO), priority?, dueDate?, externalId?, assigneeIds?}.")
            .ProducesValidationProblem();

        // The same order, sent the way a LIMS or an EHR speaks: read as text, parsed by the FHIR library in the handler
        // (no Accepts metadata: it would make routing answer 404 for another content type instead of the handler's 415).
        orders.MapPost("/fhir", async Task<Created<OrderDto>> (Guid orgId, Guid workspaceId, HttpRequest request, ISender sender, CancellationToken ct) =>
            {
                using var reader = new StreamReader(request.Body);
                var json = await reader.ReadToEndAsync(ct);
                var created = await sender.Send(new IntakeServiceRequest(json, request.ContentType) { OrganizationId = orgId, WorkspaceId = workspaceId }, ct);
                return TypedResults.Created($"/api/organizations/{orgId}/workspaces/{workspaceId}/orders/{created.Id}", created);
            })
            .WithName("Orders_IntakeFhir")
            .WithSummary("Records an order sent as FHIR R4 (orders.manage; application/fhir+json): a Bundle with a ServiceRequest, its Patient and Specimens (or a ServiceRequest with them contained). The Patient becomes or finds the subject, each Specimen a sample; a missing or malformed element is a 400 naming its FHIR path, and nothing is recorded.")
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
}
