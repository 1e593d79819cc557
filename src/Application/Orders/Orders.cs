using FluentValidation.Results;
using VariantMiner.Application.Samples;
using VariantMiner.Domain.Common;
using VariantMiner.Domain.Orders;

namespace VariantMiner.Application.Orders;

/// <param name="Status">received, in-progress, reported, closed or cancelled.</param>
/// <param name="Priority">routine, urgent, asap or stat.</param>
/// <param name="Overdue">Due before today and not reported yet.</param>
public sealed record OrderDto(Guid Id, Guid WorkspaceId, Guid? SubjectId, IReadOnlyList<Guid> SampleIds, string Test, string OrderingClinician,
    string? OrderingInstitution, string? Indication, IReadOnlyList<string> PhenotypeTerms, string Priority, DateOnly? DueDate, string? ExternalId,
    string Status, bool Overdue, IReadOnlyList<PersonDto> Assignees, PersonDto CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

internal static class OrderNames
{
    public static string Of(OrderPriority priority) => priority.ToString().ToLowerInvariant();

    public static OrderPriority Priority(string? name, string field = "priority") => name?.ToLowerInvariant() switch
    {
        null or "routine" => OrderPriority.Routine,
        "urgent" => OrderPriority.Urgent,
        "asap" => OrderPriority.Asap,
        "stat" => OrderPriority.Stat,
        _ => throw new ValidationException([new ValidationFailure(field, "priority is routine, urgent, asap or stat.")]),
    };

    public static OrderStatus Status(string name) => name switch
    {
        "received" => OrderStatus.Received,
        "in-progress" => OrderStatus.InProgress,
        "reported" => OrderStatus.Reported,
        "closed" => OrderStatus.Closed,
        "cancelled" => OrderStatus.Cancelled,
        _ => throw new ValidationException([new ValidationFailure("status", "status is received, in-progress, reported, closed or cancelled.")]),
    };
}

/// <summary>Orders one sees: those whose every sample one sees, and those assigned to oneself (404 for any other).</summary>
public static class OrderVisibility
{
    public static IQueryable<Order> Visible(IApplicationDbContext db, OrganizationAccess access, Guid me, Guid workspaceId)
    {
        if (!access.CanEnter(workspaceId)) return db.Orders.Where(o => false);
        var samples = SampleVisibility.VisibleSamples(db.Samples, access, me, workspaceId).Select(s => s.Id);
        return db.Orders.Where(o => o.WorkspaceId == workspaceId && (o.Samples.All(s => samples.Contains(s.SampleId)) || o.Assignments.Any(a => a.UserId == me)));
    }

    internal static async Task<Order> FindAsync(IApplicationDbContext db, OrganizationAccess access, Guid me, Guid workspaceId, Guid orderId, CancellationToken cancellationToken) =>
        await Visible(db, access, me, workspaceId).Include(o => o.Samples).Include(o => o.Assignments).SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken)
        ?? throw new NotFoundException("The order");

    internal static async Task<IReadOnlyList<OrderDto>> ToDtosAsync(IReadOnlyList<Order> orders, IUserAccounts accounts, DateOnly today, CancellationToken cancellationToken)
    {
        var names = await accounts.DisplayNamesAsync(orders.SelectMany(o => o.Assignments.Select(a => a.UserId).Append(o.CreatedBy)), cancellationToken);
        PersonDto Person(Guid id) => new(id, names.GetValueOrDefault(id, "(former member)"));
        return orders.Select(o => new OrderDto(o.Id, o.WorkspaceId, o.SubjectId, o.Samples.Select(s => s.SampleId).ToList(), o.Details.Test,
            o.Details.OrderingClinician, o.Details.OrderingInstitution, o.Details.Indication, o.Details.PhenotypeTerms, OrderNames.Of(o.Details.Priority),
            o.Details.DueDate, o.Details.ExternalId, Order.Name(o.Status), o.IsOverdue(today), o.Assignments.Select(a => Person(a.UserId)).ToList(),
            Person(o.CreatedBy), o.CreatedAt, o.UpdatedAt)).ToList();
    }
}

/// <summary>The orders of a workspace I see, overdue first, then by due date and priority; filters status, priority, overdue.</summary>
public sealed record ListOrders(Guid OrganizationId, Guid WorkspaceId) : IQuery<IReadOnlyList<OrderDto>>, IWorkspaceRequest
{
    public string? Status { get; init; }
    public string? Priority { get; init; }
    public bool? Overdue { get; init; }
}

public sealed class ListOrdersHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts, TimeProvider clock)
    : IQueryHandler<ListOrders, IReadOnlyList<OrderDto>>
{
    public async ValueTask<IReadOnlyList<OrderDto>> Handle(ListOrders query, CancellationToken cancellationToken)
    {
        var orders = OrderVisibility.Visible(db, scope.Access, currentUser.UserId!.Value, query.WorkspaceId).AsNoTracking();
        if (query.Status is { } status)
        {
            var wanted = OrderNames.Status(status);
            orders = orders.Where(o => o.Status == wanted);
        }
        if (query.Priority is { } priority)
        {
            var wanted = OrderNames.Priority(priority);
            orders = orders.Where(o => o.Details.Priority == wanted);
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (query.Overdue == true)
            orders = orders.Where(o => (o.Status == OrderStatus.Received || o.Status == OrderStatus.InProgress) && o.Details.DueDate < today);
        var rows = await orders.Include(o => o.Samples).Include(o => o.Assignments).OrderByDescending(o => o.CreatedAt).Take(1000).ToListAsync(cancellationToken);
        var sorted = rows.OrderByDescending(o => o.IsOverdue(today)).ThenBy(o => o.Details.DueDate ?? DateOnly.MaxValue)
            .ThenByDescending(o => o.Details.Priority).ThenByDescending(o => o.CreatedAt).ToList();
        return await OrderVisibility.ToDtosAsync(sorted, accounts, today, cancellationToken);
    }
}

public sealed record GetOrder(Guid OrganizationId, Guid WorkspaceId, Guid OrderId) : IQuery<OrderDto>, IWorkspaceRequest;

public sealed class GetOrderHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts, TimeProvider clock)
    : IQueryHandler<GetOrder, OrderDto>
{
    public async ValueTask<OrderDto> Handle(GetOrder query, CancellationToken cancellationToken)
    {
        var order = await OrderVisibility.FindAsync(db, scope.Access, currentUser.UserId!.Value, query.WorkspaceId, query.OrderId, cancellationToken);
        return (await OrderVisibility.ToDtosAsync([order], accounts, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken))[0];
    }
}

/// <summary>Records an order for samples I see (orders.manage); the subject is the samples' own.</summary>
[RequiresPermission(Permissions.OrdersManage)]
public sealed record CreateOrder(IReadOnlyList<Guid> SampleIds, string Test, string OrderingClinician) : ICommand<OrderDto>, IWorkspaceRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    [JsonIgnore] public Guid WorkspaceId { get; init; }
    public string? OrderingInstitution { get; init; }
    public string? Indication { get; init; }
    public IReadOnlyList<string>? PhenotypeTerms { get; init; }
    /// <summary>routine (default), urgent, asap or stat.</summary>
    public string? Priority { get; init; }
    public DateOnly? DueDate { get; init; }
    public string? ExternalId { get; init; }
    public IReadOnlyList<Guid>? AssigneeIds { get; init; }
}

public sealed class CreateOrderHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts, TimeProvider clock)
    : ICommandHandler<CreateOrder, OrderDto>
{
    public async ValueTask<OrderDto> Handle(CreateOrder command, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        var ids = (command.SampleIds ?? []).Distinct().ToList();
        var samples = await SampleVisibility.VisibleSamples(db.Samples, scope.Access, me, command.WorkspaceId).Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.SubjectId }).ToListAsync(cancellationToken);
        if (samples.Count != ids.Count || ids.Count == 0)
            throw new ValidationException([new ValidationFailure("sampleIds", "Name one or more samples of this workspace that you can see.")]);
        var subjects = samples.Select(s => s.SubjectId).Where(s => s is not null).Distinct().ToList();
        if (subjects.Count > 1) throw new ValidationException([new ValidationFailure("sampleIds", "An order's samples belong to one subject.")]);
        var details = new OrderDetails(command.Test, command.OrderingClinician, command.OrderingInstitution, command.Indication, command.PhenotypeTerms ?? [],
            OrderNames.Priority(command.Priority), command.DueDate, command.ExternalId);
        var now = clock.GetUtcNow();
        var order = new Order(command.OrganizationId, command.WorkspaceId, subjects.SingleOrDefault(), ids, details, me, now);
        if (command.AssigneeIds is { Count: > 0 } assignees)
        {
            await Assignees.EnsureAssignableAsync(db, command.WorkspaceId, assignees.Distinct().ToList(), "assigneeIds", cancellationToken);
            order.SetAssignees(assignees, me, now);
        }
        db.Orders.Add(order);
        await db.SaveChangesAsync(cancellationToken);
        return (await OrderVisibility.ToDtosAsync([order], accounts, DateOnly.FromDateTime(now.UtcDateTime), cancellationToken))[0];
    }
}

/// <summary>Changes an order (orders.manage): the fields given, its status (received → in-progress → reported → closed; cancelled while open), its assignees.</summary>
[RequiresPermission(Permissions.OrdersManage)]
public sealed record UpdateOrder : ICommand<OrderDto>, IWorkspaceRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    [JsonIgnore] public Guid WorkspaceId { get; init; }
    [JsonIgnore] public Guid OrderId { get; init; }
    public string? Test { get; init; }
    public string? OrderingClinician { get; init; }
    public string? OrderingInstitution { get; init; }
    public string? Indication { get; init; }
    public IReadOnlyList<string>? PhenotypeTerms { get; init; }
    public string? Priority { get; init; }
    public DateOnly? DueDate { get; init; }
    public string? ExternalId { get; init; }
    public string? Status { get; init; }
    public IReadOnlyList<Guid>? AssigneeIds { get; init; }
}

public sealed class UpdateOrderHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts, TimeProvider clock)
    : ICommandHandler<UpdateOrder, OrderDto>
{
    public async ValueTask<OrderDto> Handle(UpdateOrder command, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        var order = await OrderVisibility.FindAsync(db, scope.Access, me, command.WorkspaceId, command.OrderId, cancellationToken);
        var now = clock.GetUtcNow();
        var was = order.Details;
        var details = was with
        {
            Test = command.Test ?? was.Test,
            OrderingClinician = command.OrderingClinician ?? was.OrderingClinician,
            OrderingInstitution = command.OrderingInstitution ?? was.OrderingInstitution,
            Indication = command.Indication ?? was.Indication,
            PhenotypeTerms = command.PhenotypeTerms ?? was.PhenotypeTerms,
            Priority = command.Priority is null ? was.Priority : OrderNames.Priority(command.Priority),
            DueDate = command.DueDate ?? was.DueDate,
            ExternalId = command.ExternalId ?? was.ExternalId,
        };
        if (details != was) order.Update(details, now);
        if (command.Status is { } status) order.MoveTo(OrderNames.Status(status), now);
        if (command.AssigneeIds is { } assignees)
        {
            await Assignees.EnsureAssignableAsync(db, command.WorkspaceId,
                assignees.Distinct().Where(u => order.Assignments.All(a => a.UserId != u)).ToList(), "assigneeIds", cancellationToken);
            order.SetAssignees(assignees, me, now);
        }
        await db.SaveChangesAsync(cancellationToken);
        return (await OrderVisibility.ToDtosAsync([order], accounts, DateOnly.FromDateTime(now.UtcDateTime), cancellationToken))[0];
    }
}
