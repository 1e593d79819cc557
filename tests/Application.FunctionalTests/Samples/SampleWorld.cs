using VariantMiner.Application.Organizations.Commands.CreateOrganization;
using VariantMiner.Application.Samples;
using VariantMiner.Application.Samples.Commands.AssignSamples;
using VariantMiner.Application.Samples.Commands.CreateSample;
using VariantMiner.Application.Subjects.Commands.CreateSubject;
using VariantMiner.Application.Workspaces.Commands.CreateWorkspace;
using VariantMiner.Domain.Organizations;

namespace VariantMiner.Application.FunctionalTests.Samples;

/// <summary>
/// An organization made through the use cases: the owner (Supervisor), one member per built-in role and one with a
/// custom role holding no view permission, all granted the "General" workspace; a second workspace only the owner enters.
/// </summary>
public abstract class SampleTestBase(DatabaseProvider provider) : FunctionalTestBase(provider)
{
    protected Guid Owner, Org, General, Other;
    protected Guid Analyst, ReportWriter, Curator, GroupAdmin, Custom;

    protected async Task ArrangeOrganizationAsync()
    {
        var owner = await WithDbAsync(db => TestData.AddUserAsync(db, "owner@lab.example", platformAdmin: true));
        Owner = owner.Id;
        RunAsOwner();
        var created = await SendAsync(new CreateOrganization("Genome Lab", null, null));
        (Org, General) = (created.Id, created.InitialWorkspaceId);
        Other = (await SendAsync(new CreateWorkspace("Other", null) { OrganizationId = Org })).Id;
        Analyst = await AddMemberAsync(BuiltInRole.Analyst, General);
        ReportWriter = await AddMemberAsync(BuiltInRole.ReportWriter, General);
        Curator = await AddMemberAsync(BuiltInRole.ClinicalCurator, General);
        GroupAdmin = await AddMemberAsync(BuiltInRole.GroupAdmin, General);
        Custom = await AddCustomMemberAsync("Lab technician", [Permissions.AnalysesLaunchSub], General);
    }

    protected void RunAsOwner() => RunAsUser(Owner, platformAdmin: true);

    protected Task<Guid> AddMemberAsync(BuiltInRole role, params Guid[] workspaces) => WithDbAsync(async db =>
    {
        var user = await TestData.AddUserAsync(db, $"{role}.{Guid.NewGuid():N}@lab.example");
        var roleId = await db.Roles.IgnoreQueryFilters().Where(r => r.OrganizationId == Org && r.BuiltIn == role).Select(r => r.Id).SingleAsync();
        await TestData.AddMemberAsync(db, Org, user.Id, roleId, workspaces);
        return user.Id;
    });

    protected Task<Guid> AddCustomMemberAsync(string roleName, string[] permissions, params Guid[] workspaces) => WithDbAsync(async db =>
    {
        var user = await TestData.AddUserAsync(db, $"custom.{Guid.NewGuid():N}@lab.example");
        var role = Role.CreateCustom(Org, roleName, permissions, Permissions.All);
        db.Roles.Add(role);
        await db.SaveChangesAsync();
        await TestData.AddMemberAsync(db, Org, user.Id, role.Id, workspaces);
        return user.Id;
    });

    protected async Task<SampleDto> DefineAsync(string name, string assay = "WGS", Guid? subjectId = null, Guid? workspace = null, params Guid[] assignees) =>
        await SendAsync(new CreateSample(name, assay, subjectId, assignees.Length == 0 ? null : assignees)
        { OrganizationId = Org, WorkspaceId = workspace ?? General });

    protected async Task<Guid> SubjectAsync(string externalId, Guid? workspace = null) =>
        (await SendAsync(new CreateSubject(externalId, "Female", new DateOnly(1990, 1, 2), ["HP:0001250"]) { OrganizationId = Org, WorkspaceId = workspace ?? General })).Id;

    protected Task<AssignmentResultDto> AssignAsync(string mode, Guid[] samples, params Guid[] users) =>
        SendAsync(new AssignSamples(samples, users, mode) { OrganizationId = Org, WorkspaceId = General });

    protected Task<int> AssignmentCountAsync() => WithDbAsync(db => db.SampleAssignments.IgnoreQueryFilters().CountAsync());
}
