using static VariantMiner.Domain.Authorization.Permissions;

namespace VariantMiner.Domain.Authorization;

public enum BuiltInRole
{
    Supervisor,
    GroupAdmin,
    Analyst,
    ClinicalCurator,
    ReportWriter,
}

/// <summary>The five built-in roles and their default permissions (ARCHITECTURE §2, our reading of seed 004).</summary>
public static class BuiltInRoles
{
    public static string NameOf(BuiltInRole role) => role switch
    {
        BuiltInRole.Supervisor => "Group Supervisor",
        BuiltInRole.GroupAdmin => "Group Admin",
        BuiltInRole.Analyst => "Analyst",
        BuiltInRole.ClinicalCurator => "Clinical Curator",
        BuiltInRole.ReportWriter => "Report Writer",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static IReadOnlyList<string> DefaultPermissions(BuiltInRole role) => role switch
    {
        BuiltInRole.Supervisor => [.. All],
        BuiltInRole.GroupAdmin =>
        [
            OrganizationSettingsManage, OrganizationAnalyticsView, UsersInvite, UsersManage, WorkspacesCreate,
            WorkspacesAccessManage, SamplesDefine, SamplesAssign, SamplesViewAll, SamplesViewAssigned,
            AnalysesLaunchWorkflow, AnalysesLaunchDirect, AnalysesLaunchSub,
        ],
        BuiltInRole.Analyst => [SamplesDefine, SamplesViewAssigned, AnalysesLaunchWorkflow, AnalysesLaunchSub],
        BuiltInRole.ClinicalCurator => [SamplesViewAll, SamplesViewAssigned],
        BuiltInRole.ReportWriter => [SamplesViewAssigned],
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };
}
