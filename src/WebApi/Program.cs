using VariantMiner.Infrastructure.Persistence;
using VariantMiner.WebApi.Endpoints;
using VariantMiner.WebApi.Hosting;

if (args.Contains(WorkerHost.Flag))
{
    await WorkerHost.RunAsync(args);
    return;
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    WebRootPath = SpaHosting.FindWebRoot(Directory.GetCurrentDirectory(), Environment.GetEnvironmentVariable("SpaRoot")),
});

builder.Services.AddApplication();
builder.Services.AddInfrastructure();
builder.Services.AddWebApi(builder.Configuration);

var app = builder.Build();

await app.MigrateDatabaseAsync();
await VariantMiner.Infrastructure.Identity.OAuth.OAuthServer.EnsureCliClientAsync(app.Services, CancellationToken.None);

app.UseSecurityHeaders();
app.UseForwardedHeaders();
app.UseMiddleware<LoopbackSchemeMiddleware>();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<JsonBodyEncodingMiddleware>();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseSwagger(o => o.RouteTemplate = "openapi/{documentName}.json");
if (app.Environment.IsDevelopment())
{
    app.UseSwaggerUI(o => o.SwaggerEndpoint("/openapi/v1.json", "VariantMiner API v1"));
}
// An organization's institution sign-in handler is registered when its round trip first reaches this server.
app.Use(async (context, next) =>
{
    await context.RequestServices.GetRequiredService<VariantMiner.Infrastructure.Identity.SingleSignOn.SingleSignOnSchemes>().PrepareAsync(context);
    await next(context);
});
app.UseAuthentication();
app.UseAuthorization();
app.UseMiddleware<AntiforgeryMiddleware>();

app.MapHealthChecks("/health", new() { ResponseWriter = HealthReportWriter.WriteAsync }).AllowAnonymous();
app.MapEndpointGroups();
app.MapApiNotFound();
app.MapFallbackToFile("index.html").AllowAnonymous();

app.Run();

public partial class Program;
