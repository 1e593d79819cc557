namespace VariantMiner.Application.Invitations;

/// <summary>Configuration section <c>Invitations</c>.</summary>
public sealed class InvitationOptions
{
    public int LifetimeDays { get; set; } = 7;

    /// <summary>Where people open the SPA; every link in an e-mail (invitations, address verification) points there.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    public TimeSpan Lifetime => TimeSpan.FromDays(LifetimeDays);

    public string Url(string pathAndQuery) => PublicBaseUrl.TrimEnd('/') + pathAndQuery;

    public string AcceptUrl(string token) => Url($"/invitations/accept?token={Uri.EscapeDataString(token)}");
}
