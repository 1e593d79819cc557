using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Organizations;

public sealed class Organization : Entity
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 2000;
    public const int ContactMaxLength = 256;

    private Organization() { }

    public Organization(string name, string? description, DateTimeOffset createdAt, long storageQuotaBytes = 0)
    {
        Rename(name);
        Describe(description);
        CreatedAt = createdAt;
        SetStorageQuota(storageQuotaBytes);
        Raise(new OrganizationCreated(this));
    }

    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    /// <summary>The seed-004 switch: off means assignment is a tracking aid only.</summary>
    public bool RoleBasedAccessEnabled { get; private set; } = true;
    public string? ContactName { get; private set; }
    public string? ContactEmail { get; private set; }
    public long StorageQuotaBytes { get; private set; }
    /// <summary>Bytes of the organization's complete files (exact).</summary>
    public long StorageUsedBytes { get; private set; }
    /// <summary>Declared lengths of uploads in progress: held against the quota until they complete or go away.</summary>
    public long StorageReservedBytes { get; private set; }
    /// <summary>E-mail (lower case) of an owner who has no account yet; they become Supervisor when they register.</summary>
    public string? PendingOwnerEmail { get; private set; }
    /// <summary>Invitation preferences: e-mail domains invitees may have (empty = any), comma-separated, lower case.</summary>
    public string AllowedInvitationDomains { get; private set; } = "";
    /// <summary>Invitation preferences: the role an invitation offers unless the inviter picks another.</summary>
    public Guid? DefaultInvitationRoleId { get; private set; }
    /// <summary>Storage preference: delete FASTQ files this many days after the last analysis that read them completed (null: keep).</summary>
    public int? DeleteFastqDaysAfterAnalysis { get; private set; }
    /// <summary>Storage preference: delete BAM files (and their indexes) this many days after the analysis that made them completed (null: keep).</summary>
    public int? DeleteBamDaysAfterAnalysis { get; private set; }

    public const int MaxRetentionDays = 3650;

    // The security policy (applied whenever a member acts in the organization): a password at least this long, a
    // second factor, a session no older than this, no longer idle here than this.
    public const int InstallationMinimumPasswordLength = 12;
    public const int MaximumPasswordLength = 128;
    public const int MaxSessionHoursLimit = 720;
    public const int MinIdleMinutes = 5;
    public const int MaxIdleMinutesLimit = 1440;
    public const int DefaultMaxTokenLifetimeDays = 90;
    public const int MaxTokenLifetimeLimit = 366;
    public int MinimumPasswordLength { get; private set; } = InstallationMinimumPasswordLength;
    public bool RequireTwoFactor { get; private set; }
    /// <summary>Hours after signing in when a member must sign in again to act here (null: the installation's limit).</summary>
    public int? MaxSessionHours { get; private set; }
    /// <summary>Minutes without a request to this organization after which a member must sign in again to act here (null: no limit of its own).</summary>
    public int? MaxIdleMinutes { get; private set; }
    public bool PersonalAccessTokensAllowed { get; private set; } = true;
    /// <summary>The longest lifetime a new personal access token may be given, in days.</summary>
    public int MaxTokenLifetimeDays { get; private set; } = DefaultMaxTokenLifetimeDays;
    public DateTimeOffset CreatedAt { get; private init; }

    public void Rename(string name)
    {
        name = name.Trim();
        if (name.Length == 0 || name.Length > NameMaxLength)
            throw new DomainException($"An organization name must be 1 to {NameMaxLength} characters.");
        Name = name;
        Raise(new OrganizationDetailsChanged(this, ["name"]));
    }

    public void Describe(string? description)
    {
        description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (description?.Length > DescriptionMaxLength)
            throw new DomainException($"A description must be at most {DescriptionMaxLength} characters.");
        Description = description;
        Raise(new OrganizationDetailsChanged(this, ["description"]));
    }

    public void SetContact(string? name, string? email)
    {
        name = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        if (name?.Length > ContactMaxLength || email?.Length > ContactMaxLength)
            throw new DomainException($"Contact details must be at most {ContactMaxLength} characters.");
        ContactName = name;
        ContactEmail = email;
        Raise(new OrganizationDetailsChanged(this, ["contact"]));
    }

    /// <summary>Set by a platform administrator (and at creation, from the installation's default).</summary>
    public void SetStorageQuota(long bytes)
    {
        if (bytes < 0) throw new DomainException("A storage quota cannot be negative.");
        if (bytes == StorageQuotaBytes) return;
        StorageQuotaBytes = bytes;
        Raise(new OrganizationDetailsChanged(this, ["storage quota"]));
    }

    public void SetStorageRetention(int? fastqDays, int? bamDays)
    {
        foreach (var days in new[] { fastqDays, bamDays })
            if (days is < 1 or > MaxRetentionDays) throw new DomainException($"Keep files between 1 and {MaxRetentionDays} days after their analysis, or always.");
        if (fastqDays == DeleteFastqDaysAfterAnalysis && bamDays == DeleteBamDaysAfterAnalysis) return;
        DeleteFastqDaysAfterAnalysis = fastqDays;
        DeleteBamDaysAfterAnalysis = bamDays;
        Raise(new OrganizationDetailsChanged(this, ["storage preferences"]));
    }

    public IReadOnlyList<string> InvitationDomains =>
        AllowedInvitationDomains.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public void SetInvitationPreferences(IEnumerable<string> allowedDomains, Guid? defaultRoleId)
    {
        var domains = allowedDomains.Select(d => d.Trim().TrimStart('@').ToLowerInvariant()).Where(d => d.Length > 0).Distinct().ToList();
        foreach (var domain in domains)
        {
            if (domain.Contains(',') || domain.Contains(' ') || !domain.Contains('.') || domain.Length > 253)
                throw new DomainException($"'{domain}' is not an e-mail domain (expected something like lab.example.org).");
        }
        AllowedInvitationDomains = string.Join(",", domains);
        DefaultInvitationRoleId = defaultRoleId;
        Raise(new InvitationPreferencesChanged(this));
    }

    /// <summary>Whether an invitee's e-mail is within the allowed domains (subdomains included); no list means any.</summary>
    public bool AllowsInvitee(string email)
    {
        var domains = InvitationDomains;
        if (domains.Count == 0) return true;
        var domain = Invitations.Invitation.DomainOf(email);
        return domains.Any(d => domain == d || domain.EndsWith("." + d, StringComparison.Ordinal));
    }

    public void AwaitOwner(string email) => PendingOwnerEmail = email.Trim().ToLowerInvariant();

    /// <summary>The owner this organization waited for verified their address; they become its Supervisor.</summary>
    public void OwnerArrived(Guid userId, string email)
    {
        PendingOwnerEmail = null;
        Raise(new OwnerJoined(this, userId, email));
    }

    public void SetSecurityPolicy(int minimumPasswordLength, bool requireTwoFactor, int? maxSessionHours, int? maxIdleMinutes, bool personalAccessTokensAllowed,
        int maxTokenLifetimeDays)
    {
        if (maxTokenLifetimeDays is < 1 or > MaxTokenLifetimeLimit)
            throw new DomainException($"The longest token lifetime must be between 1 and {MaxTokenLifetimeLimit} days.");
        if (minimumPasswordLength is < InstallationMinimumPasswordLength or > MaximumPasswordLength)
            throw new DomainException($"The minimum password length must be between {InstallationMinimumPasswordLength} and {MaximumPasswordLength}.");
        if (maxSessionHours is < 1 or > MaxSessionHoursLimit)
            throw new DomainException($"The longest session must be between 1 and {MaxSessionHoursLimit} hours.");
        if (maxIdleMinutes is < MinIdleMinutes or > MaxIdleMinutesLimit)
            throw new DomainException($"The longest idle time must be between {MinIdleMinutes} and {MaxIdleMinutesLimit} minutes.");
        (MinimumPasswordLength, RequireTwoFactor, MaxSessionHours, MaxIdleMinutes) = (minimumPasswordLength, requireTwoFactor, maxSessionHours, maxIdleMinutes);
        (PersonalAccessTokensAllowed, MaxTokenLifetimeDays) = (personalAccessTokensAllowed, maxTokenLifetimeDays);
    }

    /// <summary>Switching never touches stored roles or assignments; effective permissions are computed from it.</summary>
    public void SetRoleBasedAccess(bool enabled)
    {
        if (RoleBasedAccessEnabled == enabled) return;
        RoleBasedAccessEnabled = enabled;
        Raise(new RoleBasedAccessChanged(this));
    }

    /// <summary>One details event per save, naming every field changed; none while the organization is being created.</summary>
    public override IReadOnlyList<IDomainEvent> TakeDomainEvents()
    {
        var events = base.TakeDomainEvents();
        if (events.Any(e => e is OrganizationCreated)) events = events.Where(e => e is not OrganizationDetailsChanged).ToList();
        return Merge<OrganizationDetailsChanged>(events, (a, b) => a with { Fields = a.Fields.Union(b.Fields).ToList() });
    }
}
