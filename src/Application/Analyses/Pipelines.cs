using System.Text.Json;
using System.Text.Json.Nodes;
using VariantMiner.Domain.Analyses;

namespace VariantMiner.Application.Analyses;

/// <summary>A file a pipeline reads: a CWL input filled from the sample's files of this kind (and read number).</summary>
public sealed record PipelineInput(string Cwl, string Kind, int? Read, bool Required);

/// <summary>
/// A declared parameter. Types: integer, number, string (optionally matching <see cref="Pattern"/>), boolean, reference
/// (a Ready reference bundle of the organization), file (a file of the workspace, of <see cref="Kind"/>). A parameter
/// without a <see cref="Cwl"/> name is recorded but not passed to the workflow (a sub-analysis's reference bundle, whose
/// gene models it reads).
/// </summary>
public sealed record PipelineParameter(string Key, string? Cwl, string Type, string Label, bool Required = false, JsonElement? Default = null,
    double? Min = null, double? Max = null, string? Kind = null, string? Pattern = null);

/// <summary>A pipeline of the repository's pipelines/ folder, as its pipeline.json declares it.</summary>
/// <param name="Steps">The workflow's steps in order (its CWL step names): a run lists them from the start, for its progress bar.</param>
/// <param name="SubAnalysis">For a sub-analysis pipeline, the kind it serves (gene-list): it reads a finished analysis's outputs
/// and is launched from that analysis only.</param>
/// <param name="GeneModels">The CWL input that receives the reference bundle's gene models (GFF3), if the workflow reads them.</param>
public sealed record PipelineDefinition(string Key, string Name, string Description, string Workflow, IReadOnlyList<string> Steps, IReadOnlyList<string> Tools,
    IReadOnlyList<PipelineInput> Inputs, IReadOnlyList<PipelineParameter> Parameters, IReadOnlyDictionary<string, string> Outputs,
    string? SubAnalysis = null, string? GeneModels = null, string? Annotations = null, string? ImportVariants = null, string? Builtin = null)
{
    /// <summary>The built-in computation that replaces the CWL engine for this pipeline (inheritance: on the stored genotypes).</summary>
    public const string Inheritance = "inheritance";

    /// <summary>The step the worker adds after the engine's when the pipeline's VCF is imported as variant data.</summary>
    public const string ImportStep = "import";

    /// <summary>The folder holding pipeline.json and the CWL workflow (set by the catalogue).</summary>
    [JsonIgnore] public string Directory { get; init; } = "";

    /// <summary>A run's steps: the engine's, then the import when there is one.</summary>
    [JsonIgnore] public IReadOnlyList<string> RunSteps => ImportVariants is null ? Steps : [.. Steps, ImportStep];
}

/// <summary>The installation's pipelines and whether this machine can run them.</summary>
public interface IPipelineCatalog
{
    IReadOnlyList<PipelineDefinition> All { get; }
    PipelineDefinition? Find(string key) => All.FirstOrDefault(p => p.Key == key);
    /// <summary>Programs the pipeline (or the engine) needs that are not on PATH; empty when it can run here.</summary>
    IReadOnlyList<string> MissingTools(PipelineDefinition pipeline);
}

public sealed record PipelineParameterDto(string Key, string Type, string Label, bool Required, JsonElement? Default, double? Min, double? Max, string? Kind,
    string? Pattern);

/// <param name="SubAnalysis">Set for a sub-analysis pipeline (the kind it serves): launched from a finished analysis only.</param>
public sealed record PipelineDto(string Key, string Name, string Description, IReadOnlyList<string> Inputs, IReadOnlyList<string> Steps,
    IReadOnlyList<PipelineParameterDto> Parameters, bool Ready, IReadOnlyList<string> MissingTools, string? SubAnalysis);

/// <summary>The pipelines members of the organization can launch (or pick in a workflow), with their declared parameters.</summary>
public sealed record ListPipelines(Guid OrganizationId) : IQuery<IReadOnlyList<PipelineDto>>, IOrganizationRequest;

public sealed class ListPipelinesHandler(IPipelineCatalog catalog) : IQueryHandler<ListPipelines, IReadOnlyList<PipelineDto>>
{
    public ValueTask<IReadOnlyList<PipelineDto>> Handle(ListPipelines query, CancellationToken cancellationToken)
    {
        IReadOnlyList<PipelineDto> list = catalog.All.Select(p =>
        {
            var missing = catalog.MissingTools(p);
            return new PipelineDto(p.Key, p.Name, p.Description, p.Inputs.Select(i => i.Kind).Distinct().ToList(), p.RunSteps,
                p.Parameters.Select(x => new PipelineParameterDto(x.Key, x.Type, x.Label, x.Required, x.Default, x.Min, x.Max, x.Kind, x.Pattern)).ToList(),
                missing.Count == 0, missing, p.SubAnalysis);
        }).ToList();
        return ValueTask.FromResult(list);
    }
}

/// <summary>
/// Checks parameters against a pipeline's declaration and answers them complete (defaults filled in): unknown keys,
/// wrong types, values out of range, a reference bundle that is not the organization's or not ready, a file that is
/// not of this workspace or of the wrong kind → 400 naming the field, and nothing is created.
/// </summary>
public sealed class PipelineParameters(IApplicationDbContext db)
{
    /// <param name="files">The files a file parameter may name: at launch, the workspace's files the launcher sees; in a workflow, the organization's.</param>
    public async Task<JsonObject> ValidateAsync(PipelineDefinition pipeline, IReadOnlyDictionary<string, JsonElement>? given,
        IQueryable<Domain.Files.StoredFile> files, string field, CancellationToken cancellationToken)
    {
        given ??= new Dictionary<string, JsonElement>();
        var unknown = given.Keys.Where(k => pipeline.Parameters.All(p => p.Key != k)).ToList();
        if (unknown.Count > 0)
            throw Invalid.Field($"{field}.{unknown[0]}", $"The pipeline {pipeline.Key} has no parameter '{unknown[0]}'. Its parameters: {string.Join(", ", pipeline.Parameters.Select(p => p.Key))}.");

        var result = new JsonObject();
        foreach (var p in pipeline.Parameters)
        {
            var name = $"{field}.{p.Key}";
            if (!given.TryGetValue(p.Key, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (p.Default is { } d) result[p.Key] = JsonNode.Parse(d.GetRawText());
                else if (p.Required) throw Invalid.Field(name, $"{p.Label} is required.");
                continue;
            }
            result[p.Key] = p.Type switch
            {
                "integer" => Number(value, p, name, integer: true),
                "number" => Number(value, p, name, integer: false),
                "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw Invalid.Field(name, $"{p.Label} is true or false."),
                "string" => Text(value, p, name),
                "reference" => (await ReferenceAsync(Id(value, p, name), name, cancellationToken)).ToString(),
                "file" => (await FileAsync(files, Id(value, p, name), p, name, cancellationToken)).ToString(),
                _ => throw new InvalidOperationException($"Unknown parameter type {p.Type} in {pipeline.Key}."),
            };
        }
        return result;
    }

    /// <summary>The reference bundle a run uses (its <c>reference</c> parameter), if it has one.</summary>
    public static Guid? ReferenceOf(PipelineDefinition pipeline, JsonObject parameters) =>
        pipeline.Parameters.FirstOrDefault(p => p.Type == "reference") is { } p && parameters[p.Key] is { } v ? Guid.Parse(v.GetValue<string>()) : null;

    private static JsonNode Number(JsonElement value, PipelineParameter p, string name, bool integer)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || (integer && number != Math.Floor(number)))
            throw Invalid.Field(name, $"{p.Label} is {(integer ? "a whole number" : "a number")}.");
        if (number < p.Min || number > p.Max) throw Invalid.Field(name, $"{p.Label} is between {p.Min} and {p.Max} (got {number}).");
        return integer ? JsonValue.Create((long)number) : JsonValue.Create(number);
    }

    private static JsonNode Text(JsonElement value, PipelineParameter p, string name)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : throw Invalid.Field(name, $"{p.Label} is text.");
        if (text.Length == 0 || text.Length > 2000) throw Invalid.Field(name, $"{p.Label} has 1 to 2000 characters.");
        if (p.Pattern is { } pattern && !System.Text.RegularExpressions.Regex.IsMatch(text, pattern, System.Text.RegularExpressions.RegexOptions.None,
                TimeSpan.FromSeconds(1)))
            throw Invalid.Field(name, $"{p.Label}: '{(text.Length > 60 ? text[..60] + "…" : text)}' is not in the expected form.");
        return JsonValue.Create(text);
    }

    private static Guid Id(JsonElement value, PipelineParameter p, string name) =>
        value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id) ? id : throw Invalid.Field(name, $"{p.Label} is an id.");

    private async Task<Guid> ReferenceAsync(Guid id, string name, CancellationToken cancellationToken)
    {
        // The tenant filter: a bundle of another organization is not found, exactly like one that does not exist.
        var bundle = await db.ReferenceBundles.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw Invalid.Field(name, "No such reference bundle in this organization.");
        if (bundle.RetiredAt is not null) throw Invalid.Field(name, $"The reference bundle {bundle.Label} is retired.");
        if (bundle.Status != ReferenceStatus.Ready)
            throw Invalid.Field(name, $"The reference bundle {bundle.Label} is not ready ({bundle.Status}{(bundle.Reason is null ? "" : ": " + bundle.Reason)}).");
        return id;
    }

    private static async Task<Guid> FileAsync(IQueryable<Domain.Files.StoredFile> files, Guid id, PipelineParameter p, string name,
        CancellationToken cancellationToken)
    {
        var file = await files.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancellationToken)
            ?? throw Invalid.Field(name, "No such file here (a launch reads files of its own workspace).");
        if (p.Kind is not null && file.Kind != p.Kind) throw Invalid.Field(name, $"{p.Label} must be a {p.Kind} file; {file.Name} is {file.Kind}.");
        return id;
    }
}
