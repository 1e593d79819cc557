using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace VariantMiner.WebApi.Hosting;

/// <summary>/health as JSON: the overall status and each check's (database, pipelines) with its description.</summary>
public static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, JsonSerializerOptions.Web));
    }
}
