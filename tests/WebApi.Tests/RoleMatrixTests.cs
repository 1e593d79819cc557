using System.Net;
using VariantMiner.Domain.Authorization;
using VariantMiner.Infrastructure.Persistence;
using static VariantMiner.Domain.Authorization.BuiltInRole;

namespace VariantMiner.WebApi.Tests;

/// <summary>
/// Run as every built-in role: each organization use case answers allowed (2xx) or 403 exactly as the default
/// permission table of ARCHITECTURE §2 says. The table is written out here on purpose (not derived from the code).
/// </summary>
public class RoleMatrixTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private static readonly BuiltInRole[] Everyone = Enum.GetValues<BuiltInRole>();

    public sealed record UseCase(string Method, string Route, object? Body, params BuiltInRole[] Allowed)
    {
        public override string ToString() => $"{Method} {Route}";
    }

    public static readonly UseCase[] UseCases =
    [
        new("GET", "/api/organizations/{orgId:guid}", null, Everyone),
        new("GET", "/api/organizations/{orgId:guid}/me", null, Everyone),
        new("GET", "/api/organizations/{orgId:guid}/settings/access-control", null, Everyone),
        new("GET", "/api/organizations/{orgId:guid}/activity", null, Everyone),
        new("GET", "/api/organizations/{orgId:guid}/workspaces", null, Everyone),
        new("GET", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}", null, Everyone),
        new("PATCH", "/api/organizations/{orgId:guid}", new { description = "Updated" }, Supervisor, GroupAdmin),
        new("PUT", "/api/organizations/{orgId:guid}/settings/access-control", new { roleBasedAccessEnabled = false }, Supervisor, GroupAdmin),
        new("POST", "/api/organizations/{orgId:guid}/workspaces", new { name = "New project" }, Supervisor, GroupAdmin),
        new("PATCH", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}", new { description = "Updated" }, Supervisor, GroupAdmin),
        new("DELETE", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}", null, Supervisor),
        new("PUT", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/access/{userId:guid}", null, Supervisor, GroupAdmin),
        new("DELETE", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/access/{userId:guid}", null, Supervisor, GroupAdmin),
        new("DELETE", "/api/organizations/{orgId:guid}", new { confirmName = "Matrix Lab" }, Supervisor),
        new("GET", "/api/organizations/{orgId:guid}/settings/invitations", null, Everyone),
        new("PUT", "/api/organizations/{orgId:guid}/settings/invitations", new { allowedEmailDomains = new[] { "lab.example" } }, Supervisor, GroupAdmin),
        new("GET", "/api/organizations/{orgId:guid}/members", null, Supervisor, GroupAdmin),
        new("PATCH", "/api/organizations/{orgId:guid}/members/{userId:guid}", new { position = "Lead analyst" }, Supervisor, GroupAdmin),
        new("DELETE", "/api/organizations/{orgId:guid}/members/{userId:guid}", null, Supervisor, GroupAdmin),
        new("GET", "/api/organizations/{orgId:guid}/roles", null, Everyone),
        new("GET", "/api/organizations/{orgId:guid}/roles/{roleId:guid}", null, Everyone),
        new("POST", "/api/organizations/{orgId:guid}/roles", new { name = "Custom", permissions = new[] { Permissions.SamplesViewAll } }, Supervisor),
        new("PUT", "/api/organizations/{orgId:guid}/roles/{roleId:guid}", new { permissions = new[] { Permissions.SamplesViewAssigned } }, Supervisor),
        new("DELETE", "/api/organizations/{orgId:guid}/roles/{roleId:guid}", null, Supervisor),
        new("GET", "/api/organizations/{orgId:guid}/invitations", null, Supervisor, GroupAdmin),
        new("POST", "/api/organizations/{orgId:guid}/invitations", new { email = "newcomer@lab.example" }, Supervisor, GroupAdmin),
        new("POST", "/api/organizations/{orgId:guid}/invitations/{invitationId:guid}/resend", null, Supervisor, GroupAdmin),
        new("DELETE", "/api/organizations/{orgId:guid}/invitations/{invitationId:guid}", null, Supervisor, GroupAdmin),
    ];

    private static IEnumerable<TestCaseData> Cases() =>
        from useCase in UseCases
        from role in Enum.GetValues<BuiltInRole>()
        select new TestCaseData(role, useCase).SetName($"{{m}}({role}, {useCase.Method} {useCase.Route})");

    [TestCaseSource(nameof(Cases))]
    public async Task Role_gets_exactly_what_the_table_allows(BuiltInRole role, UseCase useCase)
    {
        SeededLab lab;
        await using (var db = Database.CreateContext()) lab = await SeededLab.CreateAsync(db, "Matrix Lab");
        var client = await Factory.SignedInClientAsync(lab.Members[role].Email);
        var url = new ApiEndpointCatalog.ApiEndpoint(useCase.Method, useCase.Route, null!).Url(lab.RouteValues);

        var response = useCase.Method == "GET"
            ? await client.GetAsync(url)
            : await client.SendUnsafeAsync(new HttpMethod(useCase.Method), url, useCase.Body);

        if (useCase.Allowed.Contains(role))
            Assert.That(response.IsSuccessStatusCode, Is.True, $"{role} should be allowed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        else
            await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_role_edit_takes_effect_on_the_very_next_request_of_the_same_session()
    {
        SeededLab lab;
        await using (var db = Database.CreateContext()) lab = await SeededLab.CreateAsync(db, "Matrix Lab");
        var analyst = await Factory.SignedInClientAsync(lab.Members[Analyst].Email);
        var url = $"/api/organizations/{lab.OrganizationId}/settings/access-control";
        await Problems.AssertProblemAsync(await analyst.SendUnsafeAsync(HttpMethod.Put, url, new { roleBasedAccessEnabled = false }), HttpStatusCode.Forbidden);

        await using (var db = Database.CreateContext())
        {
            var role = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(db.Roles),
                r => r.OrganizationId == lab.OrganizationId && r.BuiltIn == Analyst);
            role.SetPermissions(role.PermissionKeys.Append(Permissions.OrganizationSettingsManage), Permissions.All);
            await db.SaveChangesAsync();
        }

        var allowed = await analyst.SendUnsafeAsync(HttpMethod.Put, url, new { roleBasedAccessEnabled = false });
        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "no sign-out needed: roles are read per request, never from the cookie");
    }

    [Test]
    public void The_matrix_covers_every_organization_scoped_endpoint()
    {
        var covered = UseCases.Select(u => u.ToString()).ToHashSet();
        var missing = ApiEndpointCatalog.All(Factory.Services).Where(e => e.IsOrganizationScoped).Select(e => e.Key).Where(k => !covered.Contains(k)).ToList();
        Assert.That(missing, Is.Empty, "add these endpoints to the role matrix with the roles the permission table allows");
    }
}
