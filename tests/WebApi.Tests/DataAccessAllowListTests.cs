using System.Text.RegularExpressions;

namespace VariantMiner.WebApi.Tests;

/// <summary>
/// Tenant isolation in the data layer (docs/architecture.md, "Persistence"): bypassing the tenant query filters, or
/// writing raw SQL, is allowed only in the reviewed places below. A new use needs a review and an entry here, with the
/// reason.
/// </summary>
public partial class DataAccessAllowListTests
{
    private static readonly Dictionary<string, string> Reviewed = new()
    {
        // Establishes the organization scope, so no scope exists yet; always constrained by the organization id.
        ["src/Infrastructure/Persistence/MembershipLookup.cs"] = "IgnoreQueryFilters",
        // Lists the caller's own memberships across organizations; every row is reached through them.
        ["src/Application/Organizations/Queries/ListMyOrganizations/ListMyOrganizations.cs"] = "IgnoreQueryFilters",
        // Claims organizations waiting for this e-mail at registration; reads their Supervisor role by organization id.
        ["src/Application/Users/Commands/VerifyEmail/VerifyEmail.cs"] = "IgnoreQueryFilters",
        // Records the last login on every membership of the user signing in (no organization scope at sign-in).
        ["src/Infrastructure/Identity/AccountService.cs"] = "IgnoreQueryFilters",
        // Offers new catalogue permissions to every organization's built-in roles at start-up (no scope; changes only roles).
        ["src/Infrastructure/Persistence/PermissionCatalogueSync.cs"] = "IgnoreQueryFilters",
        // Locks and advances the head of an organization's audit chain (parameterised SQL on AuditHeads only).
        ["src/Infrastructure/Auditing/AuditInterceptor.cs"] = "ExecuteSql",
        // The invitation link's holder sees what it invites to; the token (by its hash) selects the invitation.
        ["src/Application/Invitations/Queries/PreviewInvitation/PreviewInvitation.cs"] = "IgnoreQueryFilters",
        // Platform administration lists every organization with its members (names and addresses only).
        ["src/Application/Platform/PlatformOrganizations.cs"] = "IgnoreQueryFilters",
        // Files and uploads of a purged sample or a deleted workspace, and the organizations' storage figures (system
        // jobs and the workspace's own deletion; always selected by sample or workspace id).
        ["src/Application/Files/StorageLedger.cs"] = "IgnoreQueryFilters",
        // The expiry sweep removes expired uploads of every organization (a system job).
        ["src/Application/Files/UploadSweep.cs"] = "IgnoreQueryFilters",
        // The trash purge job removes expired rows of every organization (a system job; no scope, deletes only trashed rows).
        ["src/Application/Trash/TrashPurge.cs"] = "IgnoreQueryFilters",
        // The run queue: claim, lease and take-over must each be one statement (UPDATE … RETURNING, SKIP LOCKED on
        // PostgreSQL); they touch only queue columns and return the row's organization, whose scope the worker then enters.
        ["src/Infrastructure/Analyses/RunQueue.cs"] = "SqlQuery|ExecuteSql",
        // The report delivery queue: the claim is one statement (UPDATE … RETURNING, SKIP LOCKED on PostgreSQL) on the
        // queue's claim column only; it returns the row's organization, whose scope the worker then enters.
        ["src/Infrastructure/Integrations/DeliveryQueue.cs"] = "SqlQuery",
        // The variant import's bulk writes (PostgreSQL binary COPY, SQLite prepared INSERT) into "Variants" only; every
        // row carries the run's organization, taken from the run the worker holds in that organization's scope.
        ["src/Infrastructure/Variants/VariantImporter.cs"] = "CommandText|BeginBinaryImport",
        // The inheritance filter copies a proband's rows into the sub-analysis in one INSERT … SELECT, joined on the
        // parents' rows; every analysis id in it was resolved in the organization's scope at launch and is checked there.
        ["src/Infrastructure/Variants/InheritanceFilter.cs"] = "ExecuteSql",
        // DDL of an analysis's variant partition (create, index, attach, drop), named from the analysis's id only; and
        // the catalogue reads that find the variant table's index definitions and the tables of deleted analyses.
        ["src/Infrastructure/Variants/VariantPartitions.cs"] = "CommandText",
        // A bearer request's token is found by its hash before any organization scope exists; it then names the one
        // organization the request may address.
        ["src/Infrastructure/Identity/PersonalAccessTokenStore.cs"] = "IgnoreQueryFilters",
        // Institution sign-in before any scope: the e-mail's domain selects the organization (sign-in page, password
        // sign-in of members where it is required), the provider's answer names it (joining on first sign-in).
        ["src/Infrastructure/Identity/SingleSignOn/SingleSignOnDirectory.cs"] = "IgnoreQueryFilters",
        // The token endpoint finds an organization client by its OAuth client id (already authenticated by the server)
        // before any scope exists; the client then names the one organization its token is for.
        ["src/Infrastructure/Identity/OAuth/OAuthClients.cs"] = "IgnoreQueryFilters",
        // The invitation token (by its hash) is what selects the organization; no scope exists before joining.
        ["src/Application/Invitations/Commands/AcceptInvitation/AcceptInvitation.cs"] = "IgnoreQueryFilters",
    };

    [Test]
    public void Filter_bypasses_and_raw_sql_appear_only_in_reviewed_files()
    {
        var root = RepositoryPaths.Root;
        var offenders = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains("/Migrations/"))
            .Select(f => (Path: Path.GetRelativePath(root, f).Replace('\\', '/'), Text: File.ReadAllText(f)))
            .Where(f => Dangerous().IsMatch(f.Text))
            .Select(f => f.Path)
            .Where(p => !Reviewed.ContainsKey(p))
            .ToList();
        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void Every_reviewed_file_still_needs_its_entry()
    {
        var root = RepositoryPaths.Root;
        foreach (var (path, _) in Reviewed)
            Assert.That(Dangerous().IsMatch(File.ReadAllText(Path.Combine(root, path))), Is.True, $"{path} no longer needs to be on the allow-list");
    }

    // Lifting only the trash filter by name (IgnoreQueryFilters([QueryFilters.Trash])) keeps the tenant filter: not listed.
    [GeneratedRegex(@"IgnoreQueryFilters\s*\((?!\s*\[\s*QueryFilters\.Trash\s*\]\s*\))|FromSql|ExecuteSql|SqlQuery|CommandText|BeginBinaryImport")]
    private static partial Regex Dangerous();

}
