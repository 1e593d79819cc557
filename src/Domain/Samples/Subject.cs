using System.Text.RegularExpressions;
using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Samples;

public enum Sex
{
    Unknown,
    Female,
    Male,
    Other,
}

/// <summary>Whether the subject shows the phenotype under study (the PED file's "affected" column).</summary>
public enum Affection
{
    Unknown,
    Affected,
    Unaffected,
}

/// <summary>The individual (patient, donor, cell line) a sample comes from. Unique by external id in its workspace.</summary>
public sealed partial class Subject : Entity, ITenantOwned, ITrashable
{
    public const int ExternalIdMaxLength = 100;
    public const int NotesMaxLength = 4000;
    public const int MaxPhenotypeTerms = 100;

    private Subject() { }

    public Subject(Guid organizationId, Guid workspaceId, string externalId, Sex sex, DateOnly? dateOfBirth,
        IEnumerable<string>? phenotypeTerms, string? notes, Guid createdBy, DateTimeOffset createdAt)
    {
        OrganizationId = organizationId;
        WorkspaceId = workspaceId;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
        ChangeExternalId(externalId);
        Describe(sex, dateOfBirth, phenotypeTerms ?? [], notes, createdAt);
        Raise(new SubjectCreated(this));
    }

    public Guid OrganizationId { get; private init; }
    public Guid WorkspaceId { get; private init; }
    public string ExternalId { get; private set; } = "";
    public Sex Sex { get; private set; }
    public DateOnly? DateOfBirth { get; private set; }
    /// <summary>HPO term ids such as <c>HP:0001250</c>, distinct, in the order given.</summary>
    public IReadOnlyList<string> PhenotypeTerms { get; private set; } = [];
    public string? Notes { get; private set; }
    public Affection Affected { get; private set; }
    /// <summary>The father and mother among the workspace's subjects (a family for inheritance filters).</summary>
    public Guid? FatherId { get; private set; }
    public Guid? MotherId { get; private set; }
    public Guid CreatedBy { get; private init; }
    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset? DeletedAt { get; private set; }
    public Guid? DeletedBy { get; private set; }
    public bool IsInTrash => DeletedAt is not null;

    public void ChangeExternalId(string externalId)
    {
        ExternalId = ValidExternalId(externalId);
        Raise(new SubjectChanged(this));
    }

    /// <summary>Into the trash; only a subject none of whose samples is live (checked by the caller: it needs a query).</summary>
    public void MoveToTrash(Guid deletedBy, DateTimeOffset at)
    {
        if (IsInTrash) throw new DomainException("The subject is already in the trash.");
        DeletedAt = at;
        DeletedBy = deletedBy;
        Raise(new SubjectTrashed(this));
    }

    public void Restore()
    {
        if (!IsInTrash) throw new DomainException("The subject is not in the trash.");
        DeletedAt = null;
        DeletedBy = null;
        Raise(new SubjectRestored(this));
    }

    /// <summary>Purged from the trash once no sample, live or trashed, refers to it (checked by the caller).</summary>
    public void Purge()
    {
        if (!IsInTrash) throw new DomainException("Only a subject in the trash can be purged.");
        Raise(new SubjectPurged(this));
    }

    /// <summary>One change event per save; none while the subject is being created.</summary>
    public override IReadOnlyList<IDomainEvent> TakeDomainEvents()
    {
        var events = base.TakeDomainEvents();
        if (events.Any(e => e is SubjectCreated)) events = events.Where(e => e is not SubjectChanged).ToList();
        return Merge<SubjectChanged>(events, (first, _) => first);
    }

    public void Describe(Sex sex, DateOnly? dateOfBirth, IEnumerable<string> phenotypeTerms, string? notes, DateTimeOffset now)
    {
        if (!Enum.IsDefined(sex)) throw new DomainException("Unknown sex; use Unknown, Female, Male or Other.");
        if (dateOfBirth is { } dob && dob > DateOnly.FromDateTime(now.UtcDateTime.AddDays(1)))
            throw new DomainException("A date of birth cannot be in the future.");
        notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        if (notes?.Length > NotesMaxLength) throw new DomainException($"Notes must be at most {NotesMaxLength} characters.");
        var terms = ValidPhenotypeTerms(phenotypeTerms); // everything is checked before anything changes
        Sex = sex;
        DateOfBirth = dateOfBirth;
        PhenotypeTerms = terms;
        Notes = notes;
        Raise(new SubjectChanged(this));
    }

    public void SetAffected(Affection affected)
    {
        if (!Enum.IsDefined(affected)) throw new DomainException("Unknown affected status; use Unknown, Affected or Unaffected.");
        Affected = affected;
        Raise(new SubjectChanged(this));
    }

    /// <summary>
    /// Records the parents (null: unknown). <paramref name="ancestorsOfParents"/> are every ancestor of the new parents,
    /// looked up by the caller: a subject cannot become its own ancestor.
    /// </summary>
    public void SetParents(Subject? father, Subject? mother, IReadOnlySet<Guid> ancestorsOfParents)
    {
        foreach (var (parent, role) in new[] { (father, "father"), (mother, "mother") })
        {
            if (parent is null) continue;
            if (parent.Id == Id) throw new DomainException($"A subject cannot be its own {role}.");
            if (parent.WorkspaceId != WorkspaceId) throw new DomainException($"The {role} must be a subject of the same workspace.");
            if (parent.IsInTrash) throw new DomainException($"The {role} is in the trash.");
        }
        if (father is not null && father.Id == mother?.Id) throw new DomainException("The father and the mother must be two different subjects.");
        if (father?.Sex == Sex.Female) throw new DomainException($"The father ({father.ExternalId}) is recorded as female.");
        if (mother?.Sex == Sex.Male) throw new DomainException($"The mother ({mother.ExternalId}) is recorded as male.");
        if (ancestorsOfParents.Contains(Id))
            throw new DomainException("That would make the subject its own ancestor.");
        FatherId = father?.Id;
        MotherId = mother?.Id;
        Raise(new SubjectChanged(this));
    }

    public static string ValidExternalId(string externalId)
    {
        externalId = (externalId ?? "").Trim();
        if (externalId.Length == 0 || externalId.Length > ExternalIdMaxLength)
            throw new DomainException($"A subject's external id must be 1 to {ExternalIdMaxLength} characters.");
        return externalId;
    }

    public static bool IsHpoTerm(string? term) => term is not null && HpoPattern().IsMatch(term);

    public static IReadOnlyList<string> ValidPhenotypeTerms(IEnumerable<string> terms)
    {
        var list = terms.Select(t => (t ?? "").Trim()).Distinct(StringComparer.Ordinal).ToList();
        var bad = list.Where(t => !IsHpoTerm(t)).ToList();
        if (bad.Count > 0)
            throw new DomainException($"Phenotype terms must be HPO ids like HP:0001250; not valid: {string.Join(", ", bad.Take(5).Select(b => $"\"{b}\""))}.");
        if (list.Count > MaxPhenotypeTerms) throw new DomainException($"At most {MaxPhenotypeTerms} phenotype terms.");
        return list;
    }

    [GeneratedRegex(@"^HP:\d{7}$", RegexOptions.CultureInvariant)]
    private static partial Regex HpoPattern();
}
