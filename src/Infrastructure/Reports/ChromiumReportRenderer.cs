using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PuppeteerSharp;
using PuppeteerSharp.Media;
using VariantMiner.Application.Common.Exceptions;
using VariantMiner.Application.Reports;

namespace VariantMiner.Infrastructure.Reports;

public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>Debian's chromium by default.</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";
}

/// <summary>
/// PDFs of reports from their HTML by headless Chromium (PuppeteerSharp). One browser for the process, started on the
/// first PDF and again if it died; each PDF its own page with JavaScript off and every network request refused, so a
/// report can only show what its HTML holds.
/// </summary>
public sealed class ChromiumReportRenderer(IOptions<ReportOptions> options, ILogger<ChromiumReportRenderer> logger) : IReportRenderer, IAsyncDisposable
{
    private readonly SemaphoreSlim _starting = new(1, 1);
    private IBrowser? _browser;

    public async Task<byte[]> RenderPdfAsync(ReportSnapshotDto snapshot, ReportPrinting printing, CancellationToken cancellationToken)
    {
        var browser = await BrowserAsync(cancellationToken);
        await using var page = await browser.NewPageAsync();
        await page.SetJavaScriptEnabledAsync(false);
        await page.SetRequestInterceptionAsync(true);
        page.Request += (_, e) => _ = e.Request.Url.StartsWith("data:", StringComparison.Ordinal) ? e.Request.ContinueAsync() : e.Request.AbortAsync();
        await page.SetContentAsync(ReportHtml.Render(snapshot, printing));
        return await page.PdfDataAsync(new PdfOptions
        {
            Format = PaperFormat.A4,
            PrintBackground = true,
            DisplayHeaderFooter = true,
            HeaderTemplate = "<span></span>",
            FooterTemplate = "<div style=\"font-size:7pt;width:100%;text-align:center;color:#555\">Page <span class=\"pageNumber\"></span> of <span class=\"totalPages\"></span></div>",
            MarginOptions = new MarginOptions { Top = "15mm", Bottom = "18mm", Left = "14mm", Right = "14mm" },
        });
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken cancellationToken)
    {
        if (_browser is { IsClosed: false } running) return running;
        await _starting.WaitAsync(cancellationToken);
        try
        {
            if (_browser is { IsClosed: false } started) return started;
            var path = options.Value.ChromiumPath;
            if (!File.Exists(path))
                throw new RequestRefusedException(StatusCodes.ServiceUnavailable, "PDF rendering is not available",
                    $"This server renders PDFs with Chromium, which was not found at {path}. Install Debian's chromium package or set Reports:ChromiumPath.");
            logger.LogInformation("Starting Chromium for report PDFs: {Path}", path);
            _browser = await Puppeteer.LaunchAsync(new LaunchOptions
            {
                Headless = true,
                ExecutablePath = path,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions"],
            });
            return _browser;
        }
        finally
        {
            _starting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _starting.Dispose();
    }

    private static class StatusCodes
    {
        public const int ServiceUnavailable = 503;
    }
}
