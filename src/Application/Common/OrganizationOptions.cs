namespace VariantMiner.Application.Common;

/// <summary>Configuration section <c>Organizations</c>.</summary>
public sealed class OrganizationOptions
{
    /// <summary>When true, any signed-in user may create an organization (they become its Supervisor). Off by default.</summary>
    public bool SelfServiceCreation { get; set; }

    /// <summary>Storage quota given to a new organization.</summary>
    public long DefaultStorageQuotaBytes { get; set; } = 1L << 40; // 1 TiB

    public string InitialWorkspaceName { get; set; } = "General";
}
