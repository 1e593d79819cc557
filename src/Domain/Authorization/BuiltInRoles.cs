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

/// <summary>The five built-in roles and their default permissions (docs/architecture.md, "Roles and permissions").</summary>
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
            WorkspacesAccessManage, SamplesDefine, SamplesAssign, SamplesDelete, SamplesViewAll, SamplesViewAssigned,
            AnalysesLaunchWorkflow, AnalysesLaunchDirect, AnalysesLaunchSub, ReferencesManage, VariantsClassify, OrdersManage, ReportsWrite,
        ],
        BuiltInRole.Analyst => [SamplesDefine, SamplesViewAssigned, AnalysesLaunchWorkflow, AnalysesLaunchSub, VariantsClassify],
        BuiltInRole.ClinicalCurator => [SamplesViewAll, SamplesViewAssigned, VariantsClassify, OrdersManage, ReportsWrite, ReportsSign],
        BuiltInRole.ReportWriter => [SamplesViewAssigned, ReportsWrite],
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };
}
