namespace VariantMiner.Domain.Authorization;

/// <summary>
/// The permission catalogue (ARCHITECTURE §2). Keys are stable: they appear in the API, the SPA and the database.
/// </summary>
public static class Permissions
{
    public const string OrganizationSettingsManage = "organization.settings.manage";
    public const string OrganizationAnalyticsView = "organization.analytics.view";
    public const string OrganizationBillingManage = "organization.billing.manage";
    public const string UsersInvite = "users.invite";
    public const string UsersManage = "users.manage";
    public const string RolesManage = "roles.manage";
    public const string WorkspacesCreate = "workspaces.create";
    public const string WorkspacesDelete = "workspaces.delete";
    public const string WorkspacesAccessManage = "workspaces.access.manage";
    public const string SamplesDefine = "samples.define";
    public const string SamplesAssign = "samples.assign";
    public const string SamplesViewAll = "samples.view.all";
    public const string SamplesViewAssigned = "samples.view.assigned";
    public const string AnalysesLaunchWorkflow = "analyses.launch.workflow";
    public const string AnalysesLaunchDirect = "analyses.launch.direct";
    public const string AnalysesLaunchSub = "analyses.launch.sub";

    public static IReadOnlyList<PermissionDefinition> Catalogue { get; } =
    [
        new(OrganizationSettingsManage, "organization", "General, security and integration settings"),
        new(OrganizationAnalyticsView, "organization", "Organization-wide analytics and usage"),
        new(OrganizationBillingManage, "organization", "Billing, plan and storage quota"),
        new(UsersInvite, "people", "Invite people to the organization"),
        new(UsersManage, "people", "Assign roles, edit and remove members"),
        new(RolesManage, "people", "Create, edit and delete roles"),
        new(WorkspacesCreate, "organization", "Create workspaces"),
        new(WorkspacesDelete, "organization", "Delete workspaces"),
        new(WorkspacesAccessManage, "people", "Grant and revoke members' access to workspaces"),
        new(SamplesDefine, "samples", "Upload files (FASTQ, BAM, VCF, …) and define samples and subjects"),
        new(SamplesAssign, "samples", "Assign and reassign samples and sub-analyses to users"),
        new(SamplesViewAll, "samples", "See every sample in the workspaces one can enter"),
        new(SamplesViewAssigned, "samples", "See only samples and sub-analyses assigned to oneself"),
        new(AnalysesLaunchWorkflow, "analyses", "Launch analyses with a workflow"),
        new(AnalysesLaunchDirect, "analyses", "Launch analyses without a workflow"),
        new(AnalysesLaunchSub, "analyses", "Launch sub-analyses"),
    ];

    public static IReadOnlySet<string> All { get; } = Catalogue.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);

    public static bool IsKnown(string key) => All.Contains(key);

    /// <summary>Permissions every member holds while the role-based-access switch is off.</summary>
    public static bool IsDataPermission(string key) =>
        key.StartsWith("samples.", StringComparison.Ordinal) || key.StartsWith("analyses.", StringComparison.Ordinal);
}

public sealed record PermissionDefinition(string Key, string Group, string Description);
