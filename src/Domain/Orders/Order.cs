using System.Text.RegularExpressions;
using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Orders;

/// <summary>How urgent an order is (FHIR ServiceRequest.priority).</summary>
public enum OrderPriority
{
    Routine,
    Urgent,
    Asap,
    Stat,
}

/// <summary>Where an order stands: received → in progress → reported → closed, or cancelled before it is closed.</summary>
public enum OrderStatus
{
    Received,
    InProgress,
    Reported,
    Closed,
    Cancelled,
}

/// <summary>What is asked for, by whom and why.</summary>
/// <param name="Test">The test (assay) ordered, e.g. "Epilepsy gene panel".</param>
/// <param name="PhenotypeTerms">The clinical indication as HPO terms (HP:0001250).</param>
/// <param name="ExternalId">The requester's own number for it (a LIMS accession).</param>
public sealed partial record OrderDetails(string Test, string OrderingClinician, string? OrderingInstitution, string? Indication,
    IReadOnlyList<string> PhenotypeTerms, OrderPriority Priority, DateOnly? DueDate, string? ExternalId)
{
    public const int NameMaxLength = 200;
    public const int IndicationMaxLength = 4000;
    public const int ExternalIdMaxLength = 100;
    public const int MaxPhenotypeTerms = 50;

    /// <summary>The details trimmed, or a readable refusal naming what is wrong.</summary>
    public OrderDetails Checked()
    {
        var terms = PhenotypeTerms.Select(t => t.Trim().ToUpperInvariant()).Where(t => t.Length > 0).Distinct().ToList();
        if (terms.Count > MaxPhenotypeTerms) throw new DomainException($"An order carries at most {MaxPhenotypeTerms} phenotype terms.");
        if (terms.FirstOrDefault(t => !HpoTerm().IsMatch(t)) is { } bad) throw new DomainException($"\"{bad}\" is not an HPO term (HP: and seven digits).");
        if (!Enum.IsDefined(Priority)) throw new DomainException("The priority is routine, urgent, asap or stat.");
        return this with
        {
            Test = Required(Test, "test", NameMaxLength),
            OrderingClinician = Required(OrderingClinician, "ordering clinician", NameMaxLength),
            OrderingInstitution = Optional(OrderingInstitution, "ordering institution", NameMaxLength),
            Indication = Optional(Indication, "indication", IndicationMaxLength),
            ExternalId = Optional(ExternalId, "external id", ExternalIdMaxLength),
            PhenotypeTerms = terms,
        };
    }

    private static string Required(string? value, string name, int max) =>
        Optional(value, name, max) ?? throw new DomainException($"The {name} is required.");

    private static string? Optional(string? value, string name, int max)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        return text?.Length > max ? throw new DomainException($"The {name} must be at most {max} characters.") : text;
    }

    [GeneratedRegex("^HP:[0-9]{7}$")]
    private static partial Regex HpoTerm();
}

/// <summary>
/// A clinical request of a workspace: a test for samples of a subject, from an ordering clinician, with a priority and a
/// due date. Who sees it follows its samples (all visible), plus the people it is assigned to.
/// </summary>
public sealed class Order : Entity, ITenantOwned
{
    public const int MaxSamples = 20;
    private readonly List<OrderSample> _samples = [];
    private readonly List<OrderAssignment> _assignments = [];

    private Order() { }

    public Order(Guid organizationId, Guid workspaceId, Guid? subjectId, IReadOnlyCollection<Guid> sampleIds, OrderDetails details, Guid by, DateTimeOffset at)
    {
        OrganizationId = organizationId;
        WorkspaceId = workspaceId;
        SubjectId = subjectId;
        var ids = sampleIds.Distinct().ToList();
        if (ids.Count is 0 or > MaxSamples) throw new DomainException($"An order is for 1 to {MaxSamples} samples.");
        _samples.AddRange(ids.Select(id => new OrderSample(Id, id, organizationId)));
        Details = details.Checked();
        Status = OrderStatus.Received;
        (CreatedBy, CreatedAt, UpdatedAt) = (by, at, at);
    }

    public Guid OrganizationId { get; private init; }
    public Guid WorkspaceId { get; private init; }
    public Guid? SubjectId { get; private init; }
    public OrderDetails Details { get; private set; } = null!;
    public OrderStatus Status { get; private set; }
    public Guid CreatedBy { get; private init; }
    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public IReadOnlyCollection<OrderSample> Samples => _samples;
    public IReadOnlyCollection<OrderAssignment> Assignments => _assignments;

    public bool IsOpen => Status is OrderStatus.Received or OrderStatus.InProgress;

    /// <summary>Due before today and not reported yet.</summary>
    public bool IsOverdue(DateOnly today) => IsOpen && Details.DueDate is { } due && due < today;

    public void Update(OrderDetails details, DateTimeOffset at)
    {
        if (Status is OrderStatus.Closed or OrderStatus.Cancelled) throw new DomainException($"A {Name(Status)} order does not change.");
        (Details, UpdatedAt) = (details.Checked(), at);
    }

    /// <summary>Moves the order on: received → in progress → reported → closed; back from reported to in progress; cancelled from any open state.</summary>
    public void MoveTo(OrderStatus next, DateTimeOffset at)
    {
        if (next == Status) return;
        var allowed = (Status, next) switch
        {
            (OrderStatus.Received, OrderStatus.InProgress or OrderStatus.Reported or OrderStatus.Cancelled) => true,
            (OrderStatus.InProgress, OrderStatus.Reported or OrderStatus.Cancelled) => true,
            (OrderStatus.Reported, OrderStatus.InProgress or OrderStatus.Closed) => true,
            _ => false,
        };
        if (!allowed) throw new DomainException($"A {Name(Status)} order cannot become {Name(next)}.");
        (Status, UpdatedAt) = (next, at);
    }

    public void SetAssignees(IReadOnlyCollection<Guid> userIds, Guid by, DateTimeOffset at)
    {
        _assignments.RemoveAll(a => !userIds.Contains(a.UserId));
        foreach (var user in userIds.Distinct().Where(u => _assignments.All(a => a.UserId != u)))
            _assignments.Add(new OrderAssignment(Id, user, OrganizationId, by, at));
        UpdatedAt = at;
    }

    public static string Name(OrderStatus status) => status switch
    {
        OrderStatus.Received => "received",
        OrderStatus.InProgress => "in-progress",
        OrderStatus.Reported => "reported",
        OrderStatus.Closed => "closed",
        _ => "cancelled",
    };
}

public sealed class OrderSample(Guid orderId, Guid sampleId, Guid organizationId) : ITenantOwned
{
    public Guid OrderId { get; private init; } = orderId;
    public Guid SampleId { get; private init; } = sampleId;
    public Guid OrganizationId { get; private init; } = organizationId;
}

public sealed class OrderAssignment(Guid orderId, Guid userId, Guid organizationId, Guid assignedBy, DateTimeOffset assignedAt) : ITenantOwned
{
    public Guid OrderId { get; private init; } = orderId;
    public Guid UserId { get; private init; } = userId;
    public Guid OrganizationId { get; private init; } = organizationId;
    public Guid AssignedBy { get; private init; } = assignedBy;
    public DateTimeOffset AssignedAt { get; private init; } = assignedAt;
}
