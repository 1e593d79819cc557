using VariantMiner.Application.Samples;

namespace VariantMiner.Application.Subjects;

/// <param name="Affected">Unknown, Affected or Unaffected.</param>
/// <param name="FatherId">The father's subject id, if recorded (the subject page names the parents the caller may see).</param>
public sealed record SubjectDto(Guid Id, string ExternalId, string Sex, DateOnly? DateOfBirth, IReadOnlyList<string> PhenotypeTerms,
    string? Notes, string Affected, Guid? FatherId, Guid? MotherId, DateTimeOffset CreatedAt)
{
    internal static SubjectDto From(Subject s) =>
        new(s.Id, s.ExternalId, s.Sex.ToString(), s.DateOfBirth, s.PhenotypeTerms, s.Notes, s.Affected.ToString(), s.FatherId, s.MotherId, s.CreatedAt);
}

/// <summary>A family member on a subject page.</summary>
public sealed record RelativeDto(Guid Id, string ExternalId, string Sex, string Affected);

/// <summary>The parents and children the caller may see (a parent recorded but not visible is left out).</summary>
public sealed record FamilyDto(RelativeDto? Father, RelativeDto? Mother, IReadOnlyList<RelativeDto> Children);

/// <summary>A subject page: the subject, its family, and only the samples the caller may see (newest first, at most 200), with their count.</summary>
public sealed record SubjectDetailDto(SubjectDto Subject, FamilyDto Family, IReadOnlyList<SampleDto> Samples, int VisibleSampleCount);

internal static class SubjectInput
{
    public static readonly string[] SexNames = Enum.GetNames<Sex>();

    public static bool IsSex(string? value) => value is null || Enum.TryParse<Sex>(value, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(value, out _);

    public static Sex ParseSex(string? value) => value is null ? Sex.Unknown : Enum.Parse<Sex>(value, ignoreCase: true);

    public static string SexMessage => $"Sex must be one of {string.Join(", ", SexNames)}.";

    /// <summary>A date of birth is not after tomorrow (UTC): the last time zone's today is at most one day ahead.</summary>
    public static IRuleBuilderOptions<T, DateOnly?> NotInFuture<T>(this IRuleBuilder<T, DateOnly?> rule, TimeProvider clock) =>
        rule.Must(d => d is null || d <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(1)))
            .WithMessage("A date of birth cannot be in the future.");
}
