using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VariantMiner.Application.Common.Security;
using VariantMiner.Application.Reports;
using VariantMiner.Domain.Integrations;

namespace VariantMiner.Infrastructure.Integrations;

/// <summary>
/// Sends signed report versions to their organization's FHIR server (integration settings): claims a due delivery,
/// POSTs the version as a FHIR transaction to the server's base address (one round of <see cref="DeliveryHttp"/>), and
/// records the outcome. A round that ends in a passing failure is tried again later (1, 4, 16, 64 minutes, or the
/// Retry-After), up to five rounds. A failed delivery is notified to the signer and the settings managers. A worker killed
/// mid-send leaves its claim to run out and the delivery is sent again (the transaction is conditional on the report's
/// identifier).
/// </summary>
public sealed class ReportDeliveryWorker(IServiceScopeFactory scopes, DeliveryHttp http, TimeProvider clock, ILogger<ReportDeliveryWorker> logger)
    : DeliveryWorker(http, clock, logger)
{
    public override async Task<bool> DeliverNextAsync(CancellationToken cancellationToken)
    {
        ClaimedDelivery? claimed;
        await using (var scope = scopes.CreateAsyncScope())
            claimed = await scope.ServiceProvider.GetRequiredService<DeliveryQueue>().ClaimAsync(DeliveryQueue.Reports, Clock.GetUtcNow(), Http.Claim, cancellationToken);
        if (claimed is null) return false;

        await using var work = scopes.CreateAsyncScope();
        var services = work.ServiceProvider;
        var organization = services.GetRequiredService<OrganizationContext>();
        organization.Enter(OrganizationAccess.ForSystem(claimed.OrganizationId, Guid.Empty), null);
        var db = services.GetRequiredService<AppDbContext>();
        var delivery = await db.ReportDeliveries.SingleAsync(d => d.Id == claimed.Id, cancellationToken);
        // The report's own workspace, as the routes that read it enter it.
        organization.Enter(OrganizationAccess.ForSystem(claimed.OrganizationId, delivery.WorkspaceId), delivery.WorkspaceId);
        var settings = await db.IntegrationSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OrganizationId == claimed.OrganizationId, cancellationToken);

        DeliveryOutcome outcome;
        if (settings?.FhirBaseUrl is not { } endpoint) outcome = DeliveryOutcome.Refused(null, "No FHIR server is set for the organization any more.");
        else
        {
            delivery.SendingTo(endpoint);
            (AuthenticationHeaderValue? Authorization, string Transaction)? prepared;
            try
            {
                prepared = (Authorization(settings, services.GetRequiredService<ISecrets>()), await ReportDeliveries.TransactionAsync(db, delivery, cancellationToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Trying again cannot help (the installation's keys changed, the version's data is gone): fail it and say so.
                Logger.LogError(e, "Report delivery {Delivery} could not be prepared", delivery.Id);
                prepared = null;
            }
            outcome = prepared is { } ready
                ? await Http.SendAsync(() =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(ready.Transaction, Encoding.UTF8, FhirReport.MediaType) };
                    request.Headers.Accept.ParseAdd(FhirReport.MediaType);
                    request.Headers.Authorization = ready.Authorization;
                    return request;
                }, LocationInBodyAsync, cancellationToken)
                : DeliveryOutcome.Refused(null, "The delivery could not be prepared (see the server's log): set the FHIR server's secret again, then send the report again.");
        }
        if (outcome.Delivered)
        {
            delivery.Delivered(outcome.StatusCode!.Value, outcome.Location, Clock.GetUtcNow());
            Logger.LogInformation("Report {Report} version {Version} delivered to {Endpoint}", delivery.ReportId, delivery.VersionNumber, delivery.Endpoint);
        }
        else
        {
            if (delivery.RoundFailed(outcome.StatusCode, outcome.Error!, Http.RetryAt(outcome, delivery.BackOff)))
                await ReportDeliveries.NotifyFailureAsync(db, services.GetRequiredService<Application.Notifications.NotificationFanOut>(), delivery, cancellationToken);
            Logger.LogWarning("Report {Report} version {Version} not delivered to {Endpoint}: {Error}", delivery.ReportId, delivery.VersionNumber, delivery.Endpoint, outcome.Error);
        }
        // Commands run in one transaction (the audit trail's chain head is locked inside it); so does this.
        await services.GetRequiredService<IUnitOfWork>().InTransactionAsync(() => db.SaveChangesAsync(cancellationToken), cancellationToken);
        return true;
    }

    private static AuthenticationHeaderValue? Authorization(IntegrationSettings settings, ISecrets secrets) => settings.FhirAuthentication switch
    {
        FhirAuthentication.Bearer => new AuthenticationHeaderValue("Bearer", secrets.Unprotect(settings.ProtectedFhirSecret!)),
        FhirAuthentication.Basic => new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.FhirUserName}:{secrets.Unprotect(settings.ProtectedFhirSecret!)}"))),
        _ => null,
    };

    /// <summary>A transaction-response names where each entry went; the report is the first entry.</summary>
    private static async Task<string?> LocationInBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var answer = FhirReport.FromJson(await response.Content.ReadAsStringAsync(cancellationToken));
            return answer.Entry.FirstOrDefault()?.Response?.Location;
        }
        catch (Exception e) when (e is not OperationCanceledException) // not a Bundle: no location to keep
        {
            return null;
        }
    }
}
