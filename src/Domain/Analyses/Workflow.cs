using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Analyses;

/// <summary>
/// A named preset of a pipeline with every parameter fixed (the Supervisor's "fixed analytical options"); launching with
/// it takes no overrides. The parameters are validated against the pipeline's declaration by the application.
/// </summary>
public sealed class Workflow : Entity, ITenantOwned
{
    public const int NameMaxLength = 200;

    private Workflow() { }

    public Workflow(Guid organizationId, string name, string pipeline, string parametersJson, Guid createdBy, DateTimeOffset now)
    {
        OrganizationId = organizationId;
        Pipeline = pipeline;
        CreatedBy = createdBy;
        CreatedAt = now;
        Change(name, parametersJson, createdBy, now);
    }

    public Guid OrganizationId { get; private init; }
    public string Name { get; private set; } = "";
    public string Pipeline { get; private init; } = "";
    public string ParametersJson { get; private set; } = "{}";
    public Guid CreatedBy { get; private init; }
    public DateTimeOffset CreatedAt { get; private init; }
    public Guid UpdatedBy { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public void Change(string name, string parametersJson, Guid by, DateTimeOffset now)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0 || trimmed.Length > NameMaxLength) throw new DomainException($"A workflow name has 1 to {NameMaxLength} characters.");
        Name = trimmed;
        ParametersJson = parametersJson;
        UpdatedBy = by;
        UpdatedAt = now;
    }
}
