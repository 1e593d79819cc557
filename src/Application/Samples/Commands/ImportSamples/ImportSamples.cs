using FluentValidation.Results;
using VariantMiner.Application.Assays;
using VariantMiner.Application.Samples.Commands.CreateSample;
using VariantMiner.Application.Subjects;

namespace VariantMiner.Application.Samples.Commands.ImportSamples;

public sealed record ImportResultDto(int SamplesCreated, int SubjectsCreated);

/// <summary>
/// Imports subjects and samples from CSV (samples.define), all or nothing: every row is checked first, and any error
/// refuses the whole file with one message per problem, keyed <c>rows[line].column</c>. Columns (header, any order,
/// any case): <c>sample</c>, <c>assay</c>, <c>subject</c>, <c>sex</c>, <c>date_of_birth</c> (YYYY-MM-DD),
/// <c>phenotypes</c> (HPO ids separated by spaces or semicolons), <c>notes</c>. A row without a sample creates (or
/// names) only a subject; a subject that exists in the workspace is linked, otherwise it is created from its first row.
/// The importer is assigned to every sample.
/// </summary>
[RequiresPermission(Permissions.SamplesDefine)]
public sealed record ImportSamples(string Csv) : ICommand<ImportResultDto>, IWorkspaceRequest
{
    public const int MaxRows = 2000;
    public const int MaxLength = 2_000_000;

    [JsonIgnore] public Guid OrganizationId { get; init; }
    [JsonIgnore] public Guid WorkspaceId { get; init; }
}

public sealed class ImportSamplesValidator : AbstractValidator<ImportSamples>
{
    public ImportSamplesValidator() =>
        RuleFor(c => c.Csv).NotEmpty().WithMessage("Choose a CSV file with a header line and at least one row.")
            .MaximumLength(ImportSamples.MaxLength).WithMessage($"The file is too large: at most {ImportSamples.MaxLength / 1_000_000} MB per import.");
}

public sealed class ImportSamplesHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<ImportSamples, ImportResultDto>
{
    private static readonly string[] Columns = ["sample", "assay", "subject", "sex", "date_of_birth", "phenotypes", "notes"];

    public async ValueTask<ImportResultDto> Handle(ImportSamples command, CancellationToken cancellationToken)
    {
        CsvTable table;
        try { table = CsvTable.Parse(command.Csv); }
        catch (FormatException e) { throw Invalid.Field("csv", e.Message); }
        var unknown = table.Header.Where(h => !Columns.Contains(h)).ToList();
        if (unknown.Count > 0 || !table.Header.Contains("sample") && !table.Header.Contains("subject"))
            throw Invalid.Field("csv", $"Line 1 must name the columns, among: {string.Join(", ", Columns)}" +
                (unknown.Count > 0 ? $". Unknown: {string.Join(", ", unknown)}." : " (at least sample or subject)."));
        if (table.Rows.Count > ImportSamples.MaxRows) throw Invalid.Field("csv", $"At most {ImportSamples.MaxRows} rows per import; this file has {table.Rows.Count}.");

        var me = currentUser.UserId!.Value;
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime.AddDays(1));
        var errors = new List<ValidationFailure>();
        void Error(int line, string column, string message) => errors.Add(new ValidationFailure($"rows[{line}].{column}", $"Line {line}, {column}: {message}"));

        var assays = await AssayCatalog.NamesAsync(db, cancellationToken);
        var existingSubjects = await db.Subjects.Where(s => s.WorkspaceId == command.WorkspaceId)
            .Select(s => new { s.Id, s.ExternalId }).ToListAsync(cancellationToken);
        var subjectIds = existingSubjects.ToDictionary(s => s.ExternalId, s => s.Id, StringComparer.OrdinalIgnoreCase);
        var newSubjects = new Dictionary<string, Subject>(StringComparer.OrdinalIgnoreCase);
        var samples = new List<Sample>();
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        foreach (var (line, fields) in table.Rows)
        {
            string Cell(string column)
            {
                var index = ((IList<string>)table.Header).IndexOf(column);
                return index >= 0 && index < fields.Count ? fields[index].Trim() : "";
            }
            if (fields.Count > table.Header.Count) Error(line, "row", $"{fields.Count} fields, but the header names {table.Header.Count}.");

            Guid? subjectId = null;
            var externalId = Cell("subject");
            if (externalId.Length > 0)
            {
                if (externalId.Length > Subject.ExternalIdMaxLength) Error(line, "subject", $"at most {Subject.ExternalIdMaxLength} characters.");
                else if (subjectIds.TryGetValue(externalId, out var id)) subjectId = id;
                else if (newSubjects.TryGetValue(externalId, out var pending)) subjectId = pending.Id;
                else if (NewSubject(line, externalId) is { } created)
                {
                    newSubjects[externalId] = created;
                    subjectId = created.Id;
                }
            }

            var name = Cell("sample");
            if (name.Length == 0)
            {
                if (externalId.Length == 0) Error(line, "sample", "give a sample name, a subject, or both.");
                continue;
            }
            if (name.Length > Sample.NameMaxLength) { Error(line, "sample", $"at most {Sample.NameMaxLength} characters."); continue; }
            if (names.TryGetValue(name, out var first)) { Error(line, "sample", $"\"{name}\" is also on line {first}."); continue; }
            names[name] = line;
            var assay = assays.FirstOrDefault(a => string.Equals(a, Cell("assay"), StringComparison.OrdinalIgnoreCase));
            if (assay is null) { Error(line, "assay", $"\"{Cell("assay")}\" is not an assay of this organization; use one of: {string.Join(", ", assays)}."); continue; }
            var sample = new Sample(command.OrganizationId, command.WorkspaceId, name, assay, subjectId, me, now);
            sample.Assign(me, me, now);
            samples.Add(sample);

            Subject? NewSubject(int at, string id)
            {
                var sex = Cell("sex");
                if (sex.Length > 0 && !SubjectInput.IsSex(sex)) { Error(at, "sex", SubjectInput.SexMessage); return null; }
                DateOnly? born = null;
                if (Cell("date_of_birth") is { Length: > 0 } dob)
                {
                    if (!DateOnly.TryParseExact(dob, "yyyy-MM-dd", out var parsed)) { Error(at, "date_of_birth", "use the form YYYY-MM-DD."); return null; }
                    if (parsed > today) { Error(at, "date_of_birth", "a date of birth cannot be in the future."); return null; }
                    born = parsed;
                }
                var terms = Cell("phenotypes").Split([' ', ';'], StringSplitOptions.RemoveEmptyEntries);
                var badTerm = terms.FirstOrDefault(t => !Subject.IsHpoTerm(t));
                if (badTerm is not null) { Error(at, "phenotypes", $"\"{badTerm}\" is not an HPO id; use the form HP:0001250."); return null; }
                try
                {
                    return new Subject(command.OrganizationId, command.WorkspaceId, id, SubjectInput.ParseSex(sex.Length == 0 ? null : sex), born, terms,
                        Cell("notes"), me, now);
                }
                catch (Domain.Common.DomainException e) { Error(at, "subject", e.Message); return null; }
            }
        }

        // Names taken in the workspace, as one query; a holder the importer cannot see is not described.
        var lowered = samples.Select(s => s.Name.ToLower()).ToList();
        var taken = await db.Samples.Where(s => s.WorkspaceId == command.WorkspaceId && lowered.Contains(s.Name.ToLower()))
            .Select(s => s.Name.ToLower()).ToListAsync(cancellationToken);
        foreach (var sample in samples.Where(s => taken.Contains(s.Name.ToLower())))
            Error(names[sample.Name], "sample", $"the name \"{sample.Name}\" is not available in this workspace.");

        if (errors.Count > 0) throw new ValidationException(errors.OrderBy(e => int.Parse(e.PropertyName[5..e.PropertyName.IndexOf(']')])));
        db.Subjects.AddRange(newSubjects.Values);
        db.Samples.AddRange(samples);
        await db.SaveChangesAsync(cancellationToken);
        return new ImportResultDto(samples.Count, newSubjects.Count);
    }
}
