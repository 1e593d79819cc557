using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using VariantMiner.Application.Common.Security;
using VariantMiner.Application.Reports;
using VariantMiner.Domain.Integrations;
using VariantMiner.Domain.Reports;
using VariantMiner.Infrastructure.Analyses;
using VariantMiner.Infrastructure.Networking;

namespace VariantMiner.Infrastructure.Integrations;

/// <summary>
/// Sends signed report versions to their organization's FHIR server (integration settings): claims a due delivery,
/// POSTs the version as a FHIR transaction to the server's base address, and records the outcome. A round is up to four
/// attempts by Polly — exponential back-off with jitter, or the server's Retry-After — for passing failures (no
/// connection, time-out, 408, 429, 5xx); a refusal trying again cannot change (400, 401, 403, 422…) fails the delivery at
/// once. A round that ends in a passing failure is tried again later (1, 4, 16, 64 minutes, or the Retry-After), up to
/// five rounds. A failed delivery is notified to the signer and the settings managers. A worker killed mid-send leaves its claim
/// to run out and the delivery is sent again (the transaction is conditional on the report's identifier).
/// </summary>
public sealed class ReportDeliveryWorker(IServiceScopeFactory scopes, IOptions<IntegrationOptions> options, TimeProvider clock, ILogger<ReportDeliveryWorker> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);
    private const int AttemptsPerRound = 4;

    /// <summary>Longer than the longest round (every attempt timing out, every wait the longest Retry-After), with a margin.</summary>
    private TimeSpan Claim => AttemptsPerRound * AttemptTimeout + (AttemptsPerRound - 1) * options.Value.MaxRetryAfter + TimeSpan.FromMinutes(2);

    private readonly HttpClient _http = new OutboundGuard(options.Value.AllowPrivateNetworkEndpoints).Client(AttemptTimeout);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DeliverNextAsync(stoppingToken)) { }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Report delivery failed; retrying");
            }
            await Task.Delay(Interval, clock, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }

    /// <summary>Sends the next due delivery (one round); false when none is due.</summary>
    public async Task<bool> DeliverNextAsync(CancellationToken cancellationToken)
    {
        ClaimedRun? claimed;
        await using (var scope = scopes.CreateAsyncScope())
            claimed = await scope.ServiceProvider.GetRequiredService<ReportDeliveryQueue>().ClaimAsync(clock.GetUtcNow(), Claim, cancellationToken);
        if (claimed is null) return false;

        await using var work = scopes.CreateAsyncScope();
        var services = work.ServiceProvider;
        services.GetRequiredService<OrganizationContext>().Enter(OrganizationAccess.ForSystem(claimed.OrganizationId, claimed.WorkspaceId), claimed.WorkspaceId);
        var db = services.GetRequiredService<AppDbContext>();
        var delivery = await db.ReportDeliveries.SingleAsync(d => d.Id == claimed.Id, cancellationToken);
        var settings = await db.IntegrationSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OrganizationId == claimed.OrganizationId, cancellationToken);

        Outcome outcome;
        if (settings?.FhirBaseUrl is not { } endpoint) outcome = Outcome.Refused(null, "No FHIR server is set for the organization any more.");
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
                logger.LogError(e, "Report delivery {Delivery} could not be prepared", delivery.Id);
                prepared = null;
            }
            outcome = prepared is { } ready ? await SendAsync(endpoint, ready.Authorization, ready.Transaction, cancellationToken)
                : Outcome.Refused(null, "The delivery could not be prepared (see the server's log): set the FHIR server's secret again, then send the report again.");
        }
        var now = clock.GetUtcNow();
        if (outcome.Delivered)
        {
            delivery.Delivered(outcome.StatusCode!.Value, outcome.Location, now);
            logger.LogInformation("Report {Report} version {Version} delivered to {Endpoint}", delivery.ReportId, delivery.VersionNumber, delivery.Endpoint);
        }
        else
        {
            var retryAt = outcome.Transient ? now + Max(delivery.BackOff, outcome.RetryAfter ?? TimeSpan.Zero) : (DateTimeOffset?)null;
            if (delivery.RoundFailed(outcome.StatusCode, outcome.Error!, retryAt))
                await ReportDeliveries.NotifyFailureAsync(db, services.GetRequiredService<Application.Notifications.NotificationFanOut>(), delivery, cancellationToken);
            logger.LogWarning("Report {Report} version {Version} not delivered to {Endpoint}: {Error}", delivery.ReportId, delivery.VersionNumber, delivery.Endpoint, outcome.Error);
        }
        // Commands run in one transaction (the audit trail's chain head is locked inside it); so does this.
        await services.GetRequiredService<IUnitOfWork>().InTransactionAsync(() => db.SaveChangesAsync(cancellationToken), cancellationToken);
        return true;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static AuthenticationHeaderValue? Authorization(IntegrationSettings settings, ISecrets secrets) => settings.FhirAuthentication switch
    {
        FhirAuthentication.Bearer => new AuthenticationHeaderValue("Bearer", secrets.Unprotect(settings.ProtectedFhirSecret!)),
        FhirAuthentication.Basic => new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.FhirUserName}:{secrets.Unprotect(settings.ProtectedFhirSecret!)}"))),
        _ => null,
    };

    private sealed record Outcome(bool Delivered, bool Transient, int? StatusCode, string? Location, string? Error, TimeSpan? RetryAfter)
    {
        public static Outcome Refused(int? status, string error) => new(false, false, status, null, error, null);
    }

    private async Task<Outcome> SendAsync(string endpoint, AuthenticationHeaderValue? authorization, string transaction, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Pipeline.ExecuteAsync(async ct =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
                {
                    Content = new StringContent(transaction, Encoding.UTF8, FhirReport.MediaType),
                };
                request.Headers.Accept.ParseAdd(FhirReport.MediaType);
                request.Headers.Authorization = authorization;
                return await _http.SendAsync(request, ct);
            }, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
                return new Outcome(true, false, status, response.Headers.Location?.ToString() ?? await LocationInBodyAsync(response, cancellationToken), null, null);
            var error = $"{status} {response.ReasonPhrase}: {await ExcerptAsync(response, cancellationToken)}".TrimEnd(' ', ':');
            return new Outcome(false, IsTransient(response.StatusCode), status, null, error, RetryAfter(response));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new Outcome(false, true, null, null, e is TaskCanceledException ? $"No answer within {AttemptTimeout.TotalSeconds:0} seconds." : e.Message, null);
        }
    }

    private ResiliencePipeline<HttpResponseMessage> Pipeline => field ??= new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = AttemptsPerRound - 1,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.Value.RetryDelay,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                { Exception: HttpRequestException or TaskCanceledException } => !args.Context.CancellationToken.IsCancellationRequested,
                { Result: { } response } => IsTransient(response.StatusCode) && (RetryAfter(response) ?? TimeSpan.Zero) <= options.Value.MaxRetryAfter,
                _ => false,
            }),
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? RetryAfter(response) : null),
        })
        .Build();

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500 && status != HttpStatusCode.NotImplemented;

    /// <summary>The server's Retry-After: seconds, or a date.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => Max(date - clock.GetUtcNow(), TimeSpan.Zero),
        _ => null,
    };

    /// <summary>The start of what the server said (an OperationOutcome's diagnostics, usually), for the delivery's error.</summary>
    private static async Task<string> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return body.Length > 500 ? body[..500] + "…" : body;
    }

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

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }
}
