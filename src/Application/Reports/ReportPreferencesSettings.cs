using FluentValidation.Results;
using VariantMiner.Domain.Reports;

namespace VariantMiner.Application.Reports;

/// <param name="Logo">A data URI (data:image/png;base64,… or image/jpeg), or null.</param>
/// <param name="RequireSecondSignature">The two-person rule: a report is final only once a second person signs it too.</param>
public sealed record ReportPreferencesDto(string? Header, string? Footer, string? Logo, bool RequireSecondSignature)
{
    internal static ReportPreferencesDto From(ReportPreferences? p) =>
        p is null ? new(null, null, null, false) : new(p.Header, p.Footer, Letterheads.DataUri(p), p.RequireSecondSignature);
}

/// <summary>What every PDF of the organization carries at its top and bottom.</summary>
public sealed record ReportLetterhead(string? Header, string? Footer, string? LogoDataUri)
{
    public static readonly ReportLetterhead None = new(null, null, null);
}

internal static class Letterheads
{
    public static string? DataUri(ReportPreferences p) => p.Logo is { } logo ? $"data:{p.LogoType};base64,{Convert.ToBase64String(logo)}" : null;

    public static async Task<ReportPreferences?> FindAsync(IApplicationDbContext db, Guid organizationId, CancellationToken cancellationToken) =>
        await db.ReportPreferences.AsNoTracking().SingleOrDefaultAsync(p => p.OrganizationId == organizationId, cancellationToken);

    public static ReportLetterhead Of(ReportPreferences? p) => p is null ? ReportLetterhead.None : new(p.Header, p.Footer, DataUri(p));
}

/// <summary>The organization's report preferences (every member may read them: they show on every report).</summary>
public sealed record GetReportPreferences(Guid OrganizationId) : IQuery<ReportPreferencesDto>, IOrganizationRequest;

public sealed class GetReportPreferencesHandler(IApplicationDbContext db) : IQueryHandler<GetReportPreferences, ReportPreferencesDto>
{
    public async ValueTask<ReportPreferencesDto> Handle(GetReportPreferences query, CancellationToken cancellationToken) =>
        ReportPreferencesDto.From(await Letterheads.FindAsync(db, query.OrganizationId, cancellationToken));
}

/// <summary>Sets the letterhead and the two-person rule (organization.settings.manage); it applies to signatures from now on.</summary>
[RequiresPermission(Permissions.OrganizationSettingsManage)]
public sealed record SetReportPreferences(string? Header, string? Footer, string? Logo, bool RequireSecondSignature)
    : ICommand<ReportPreferencesDto>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
}

public sealed class SetReportPreferencesHandler(IApplicationDbContext db) : ICommandHandler<SetReportPreferences, ReportPreferencesDto>
{
    public async ValueTask<ReportPreferencesDto> Handle(SetReportPreferences command, CancellationToken cancellationToken)
    {
        var preferences = await db.ReportPreferences.SingleOrDefaultAsync(p => p.OrganizationId == command.OrganizationId, cancellationToken);
        if (preferences is null) db.ReportPreferences.Add(preferences = new ReportPreferences(command.OrganizationId));
        preferences.Set(command.Header, command.Footer, Logo(command.Logo), command.RequireSecondSignature);
        await db.SaveChangesAsync(cancellationToken);
        return ReportPreferencesDto.From(preferences);
    }

    private static byte[]? Logo(string? dataUri)
    {
        if (string.IsNullOrWhiteSpace(dataUri)) return null;
        var comma = dataUri.IndexOf(',', StringComparison.Ordinal);
        if (!dataUri.StartsWith("data:image/", StringComparison.OrdinalIgnoreCase) || comma < 0 || !dataUri[..comma].EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
            throw new ValidationException([new ValidationFailure("logo", "Send the logo as a data URI: data:image/png;base64,…")]);
        try
        {
            return Convert.FromBase64String(dataUri[(comma + 1)..]);
        }
        catch (FormatException)
        {
            throw new ValidationException([new ValidationFailure("logo", "The logo's base64 is not valid.")]);
        }
    }
}
