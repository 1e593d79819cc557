using VariantMiner.Domain.Analyses;
using VariantMiner.Domain.Samples;

namespace VariantMiner.WebApi.Tests.Analyses;

/// <summary>
/// What a launch refuses, each time with a readable problem and no run created: the other launch right, overriding a
/// workflow, unknown or out-of-range parameters, another organization's reference bundle, a sample one cannot see, a
/// sample without its input files, and a pipeline whose tool this server lacks (503, also on /health). Runs are only
/// queued here (no worker).
/// </summary>
public class LaunchRulesTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private static readonly string Pipelines = AnalysisWorld.PipelinesWithTestOnes();
    private SeededLab _lab = null!;
    private SeededSamples _samples = null!;
    private HttpClient _supervisor = null!;

    protected override IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string> { ["Pipelines:Directory"] = Pipelines };

    private string Workspace => $"/api/organizations/{_lab.OrganizationId}/workspaces/{_lab.WorkspaceId}";

    [SetUp]
    public async Task Seed()
    {
        await using (var db = Database.CreateContext()) _lab = await SeededLab.CreateAsync(db, "Launch Lab");
        await using (var db = Database.CreateContext()) _samples = await SeededSamples.CreateAsync(db, _lab);
        _supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);
    }

    private async Task<int> RunCountAsync()
    {
        await using var db = Database.CreateContext();
        return await db.Analyses.IgnoreQueryFilters().CountAsync(a => a.OrganizationId == _lab.OrganizationId);
    }

    private Task<HttpResponseMessage> LaunchAsync(HttpClient client, object body) => client.PostUnsafeAsync($"{Workspace}/analyses", body);

    private object Direct(object parameters) => new { sampleIds = new[] { _samples.SampleId }, pipeline = "germline-fastq", parameters };

    [Test]
    public async Task Each_launch_right_allows_only_its_own_kind_of_launch()
    {
        var before = await RunCountAsync();
        // The Analyst holds analyses.launch.workflow only.
        var analyst = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Analyst].Email);
        var direct = await LaunchAsync(analyst, Direct(new { reference = _samples.ReferenceId }));
        Assert.That((await Problems.AssertProblemAsync(direct, HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), Does.Contain("analyses.launch.direct"));
        Assert.That((await LaunchAsync(analyst, new { sampleIds = new[] { _samples.SampleId }, workflowId = _samples.WorkflowId })).StatusCode,
            Is.EqualTo(HttpStatusCode.Accepted));

        // A role with direct launches only.
        await using (var db = Database.CreateContext())
        {
            var role = await db.Roles.IgnoreQueryFilters().SingleAsync(r => r.OrganizationId == _lab.OrganizationId && r.BuiltIn == BuiltInRole.Analyst);
            role.SetPermissions([Permissions.SamplesViewAssigned, Permissions.AnalysesLaunchDirect], Permissions.All);
            await db.SaveChangesAsync();
        }
        var withWorkflow = await LaunchAsync(analyst, new { sampleIds = new[] { _samples.SampleId }, workflowId = _samples.WorkflowId });
        Assert.That((await Problems.AssertProblemAsync(withWorkflow, HttpStatusCode.Forbidden)).GetProperty("detail").GetString(),
            Does.Contain("analyses.launch.workflow"));
        Assert.That((await LaunchAsync(analyst, Direct(new { reference = _samples.ReferenceId }))).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(await RunCountAsync(), Is.EqualTo(before + 2));
    }

    [Test]
    public async Task A_workflows_parameters_cannot_be_overridden()
    {
        var before = await RunCountAsync();
        var response = await LaunchAsync(_supervisor,
            new { sampleIds = new[] { _samples.SampleId }, workflowId = _samples.WorkflowId, parameters = new { minMappingQuality = 0 } });
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").GetProperty("parameters")[0].GetString(), Does.Contain("cannot be overridden"));
        Assert.That(await RunCountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Bad_parameters_are_refused_naming_the_field()
    {
        Guid foreignReference;
        await using (var db = Database.CreateContext())
        {
            var other = await SeededLab.CreateAsync(db, "Other Lab");
            var otherSamples = await SeededSamples.CreateAsync(db, other);
            foreignReference = otherSamples.ReferenceId;
        }
        var before = await RunCountAsync();
        var cases = new (object Parameters, string Field, string Words)[]
        {
            (new { reference = _samples.ReferenceId, minDepth = 5 }, "parameters.minDepth", "has no parameter"),
            (new { reference = _samples.ReferenceId, minMappingQuality = 61 }, "parameters.minMappingQuality", "between 0 and 60"),
            (new { reference = _samples.ReferenceId, minBaseQuality = 12.5 }, "parameters.minBaseQuality", "whole number"),
            (new { reference = foreignReference }, "parameters.reference", "No such reference bundle"),
            (new { minBaseQuality = 13 }, "parameters.reference", "required"),
            (new { reference = _samples.ReferenceId, targets = _samples.FileId }, "parameters.targets", "must be a bed file"),
        };
        foreach (var (parameters, field, words) in cases)
        {
            var problem = await Problems.AssertProblemAsync(await LaunchAsync(_supervisor, Direct(parameters)), HttpStatusCode.BadRequest);
            Assert.That(problem.GetProperty("errors").GetProperty(field)[0].GetString(), Does.Contain(words), field);
        }
        var workflow = await _supervisor.PostUnsafeAsync($"/api/organizations/{_lab.OrganizationId}/workflows",
            new { name = "Bad", pipeline = "germline-fastq", parameters = new { reference = _samples.ReferenceId, minVariantQuality = -1 } });
        await Problems.AssertProblemAsync(workflow, HttpStatusCode.BadRequest);
        Assert.That(await RunCountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_retired_or_unprepared_reference_cannot_be_launched_with()
    {
        await _supervisor.PostUnsafeAsync($"/api/organizations/{_lab.OrganizationId}/references/{_samples.ReferenceId}/retire");
        var problem = await Problems.AssertProblemAsync(await LaunchAsync(_supervisor, Direct(new { reference = _samples.ReferenceId })), HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").GetProperty("parameters.reference")[0].GetString(), Does.Contain("retired"));
    }

    [Test]
    public async Task A_sample_one_cannot_see_is_not_found_and_one_without_its_files_is_refused()
    {
        Guid hidden;
        await using (var db = Database.CreateContext())
        {
            var sample = new Sample(_lab.OrganizationId, _lab.WorkspaceId, "NA24385", "WGS", null, _lab.Members[BuiltInRole.Supervisor].UserId, DateTimeOffset.UtcNow);
            db.Samples.Add(sample);
            await db.SaveChangesAsync();
            hidden = sample.Id;
        }
        var analyst = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Analyst].Email);
        await Problems.AssertProblemAsync(await LaunchAsync(analyst, new { sampleIds = new[] { hidden }, workflowId = _samples.WorkflowId }), HttpStatusCode.NotFound);

        // The Supervisor sees it, but it has no FASTQ yet.
        var problem = await Problems.AssertProblemAsync(
            await LaunchAsync(_supervisor, new { sampleIds = new[] { hidden }, workflowId = _samples.WorkflowId }), HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").GetProperty("sampleIds")[0].GetString(), Does.Contain("no complete FASTQ read 1 file"));
    }

    [Test]
    public async Task A_pipeline_whose_tool_is_missing_answers_503_naming_it_and_health_says_so()
    {
        var response = await LaunchAsync(_supervisor, new { sampleIds = new[] { _samples.SampleId }, pipeline = "test-missing-tool", parameters = new { } });
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("no-such-tool-vm"));
        var pipelines = await _supervisor.GetFromJsonAsync<JsonElement>($"/api/organizations/{_lab.OrganizationId}/pipelines");
        var missing = pipelines.EnumerateArray().Single(p => p.GetProperty("key").GetString() == "test-missing-tool");
        Assert.That(missing.GetProperty("ready").GetBoolean(), Is.False);
        var health = await Factory.CreateBrowserClient().GetFromJsonAsync<JsonElement>("/health");
        var check = health.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "pipelines");
        Assert.That(check.GetProperty("status").GetString(), Is.EqualTo("Degraded"));
        Assert.That(check.GetProperty("description").GetString(), Does.Contain("test-missing-tool needs no-such-tool-vm"));
    }

    [Test]
    public async Task Cancel_of_a_queued_run_is_immediate_and_retry_makes_a_new_run()
    {
        var cancel = await _supervisor.PostUnsafeAsync($"{Workspace}/analyses/{_samples.AnalysisId}/cancel");
        Assert.That((await cancel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString(), Is.EqualTo("CANCELED"));
        var retry = await _supervisor.PostUnsafeAsync($"{Workspace}/analyses/{_samples.AnalysisId}/retry");
        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var id = (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var run = await _supervisor.GetFromJsonAsync<JsonElement>($"{Workspace}/analyses/{id}");
        Assert.That(run.GetProperty("retryOf").GetGuid(), Is.EqualTo(_samples.AnalysisId));
        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo(nameof(AnalysisStatus.QUEUED)));
        Assert.That(run.GetProperty("workflowId").GetGuid(), Is.EqualTo(_samples.WorkflowId));
        var completeRetry = await _supervisor.PostUnsafeAsync($"{Workspace}/analyses/{id}/retry");
        await Problems.AssertProblemAsync(completeRetry, HttpStatusCode.Conflict);
    }

    [Test]
    public async Task A_sub_analysis_needs_a_complete_main_analysis_a_known_kind_and_genes_in_plain_form()
    {
        var before = await RunCountAsync();
        string Sub(Guid id) => $"{Workspace}/analyses/{id}/sub-analyses";
        var notComplete = await _supervisor.PostUnsafeAsync(Sub(_samples.FailedAnalysisId), new { kind = "gene-list", parameters = new { genes = "vmA1" } });
        Assert.That((await Problems.AssertProblemAsync(notComplete, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), Does.Contain("COMPLETE"));
        var unknown = await _supervisor.PostUnsafeAsync(Sub(_samples.CompleteAnalysisId), new { kind = "de-novo", parameters = new { genes = "vmA1" } });
        Assert.That((await Problems.AssertProblemAsync(unknown, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("kind")[0].GetString(),
            Does.Contain("gene-list"));
        foreach (var genes in new[] { "vmA1; rm -rf /", "$(id)", "vmA1\nvmC3", "" })
        {
            var bad = await _supervisor.PostUnsafeAsync(Sub(_samples.CompleteAnalysisId), new { kind = "gene-list", parameters = new { genes } });
            await Problems.AssertProblemAsync(bad, HttpStatusCode.BadRequest);
        }
        // A sub-analysis pipeline is not launched on its own, nor preset in a workflow.
        var direct = await LaunchAsync(_supervisor, new { sampleIds = new[] { _samples.SampleId }, pipeline = "gene-list-filter", parameters = new { genes = "vmA1" } });
        await Problems.AssertProblemAsync(direct, HttpStatusCode.BadRequest);
        Assert.That(await RunCountAsync(), Is.EqualTo(before));

        var good = await _supervisor.PostUnsafeAsync(Sub(_samples.CompleteAnalysisId), new { kind = "gene-list", parameters = new { genes = "vmA1, vmC3" } });
        Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await good.Content.ReadAsStringAsync());
        var run = await _supervisor.GetFromJsonAsync<JsonElement>(good.Headers.Location!.OriginalString);
        Assert.That(run.GetProperty("parentId").GetGuid(), Is.EqualTo(_samples.CompleteAnalysisId));
        Assert.That(run.GetProperty("reference").GetProperty("id").GetGuid(), Is.EqualTo(_samples.ReferenceId), "the main analysis's bundle");
        Assert.That(run.GetProperty("inputFileIds").GetArrayLength(), Is.EqualTo(1), "the main analysis's VCF");

        // A shared gene list instead of typed genes: its genes become the run's parameter.
        var fromList = await _supervisor.PostUnsafeAsync(Sub(_samples.CompleteAnalysisId), new { kind = "gene-list", parameters = new { geneListId = _samples.GeneListId } });
        Assert.That(fromList.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await fromList.Content.ReadAsStringAsync());
        var listRun = await _supervisor.GetFromJsonAsync<JsonElement>(fromList.Headers.Location!.OriginalString);
        Assert.That(listRun.GetProperty("parameters").GetProperty("genes").GetString(), Is.EqualTo("vmA1 vmC3"));
        var both = await _supervisor.PostUnsafeAsync(Sub(_samples.CompleteAnalysisId),
            new { kind = "gene-list", parameters = new { geneListId = _samples.GeneListId, genes = "vmB2" } });
        Assert.That((await Problems.AssertProblemAsync(both, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("parameters.genes")[0].GetString(),
            Does.Contain("not both"));
        var missing = await _supervisor.PostUnsafeAsync(Sub(_samples.CompleteAnalysisId), new { kind = "gene-list", parameters = new { geneListId = Guid.NewGuid() } });
        await Problems.AssertProblemAsync(missing, HttpStatusCode.BadRequest);

        // Re-annotation takes another bundle of the same genome build only.
        Guid human;
        await using (var db = Database.CreateContext())
        {
            var genome = await db.ReferenceBundles.IgnoreQueryFilters().Where(r => r.Id == _samples.ReferenceId).Select(r => r.GenomeFileId).SingleAsync();
            var bundle = new ReferenceBundle(_lab.OrganizationId, "Human", "1", "GRCh38", genome, null, [], _lab.Members[BuiltInRole.Supervisor].UserId, DateTimeOffset.UtcNow);
            bundle.Prepared(DateTimeOffset.UtcNow);
            db.ReferenceBundles.Add(bundle);
            await db.SaveChangesAsync();
            human = bundle.Id;
        }
        var otherBuild = await _supervisor.PostUnsafeAsync(Sub(_samples.CompleteAnalysisId), new { kind = "re-annotation", parameters = new { reference = human } });
        Assert.That((await Problems.AssertProblemAsync(otherBuild, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("parameters.reference")[0].GetString(),
            Does.Contain("genome build GRCh38").And.Contain("WBcel235"));
        var sameBundle = await _supervisor.PostUnsafeAsync(Sub(_samples.CompleteAnalysisId), new { kind = "re-annotation" });
        Assert.That(sameBundle.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "the main analysis's own bundle, annotated afresh");
    }
}
