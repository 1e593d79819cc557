using System.CommandLine;
using System.Text.Json;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using VariantMiner.Sdk.Models;

namespace VariantMiner.Cli;

/// <summary>The commands of <c>vm</c>: each resolves names to ids, calls the API as the signed-in credential, prints.</summary>
public static class Vm
{
    private static readonly Option<bool> JsonOption = new("--json") { Description = "Print JSON for scripts instead of columns.", Recursive = true };

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("VariantMiner on the command line. Exit codes: 0 done, 1 failed, 2 wrong usage, 3 not signed in, "
            + "4 not allowed, 5 not found, 6 refused input.")
        {
            JsonOption,
            LoginCommand(context),
            LogoutCommand(context),
            OrganizationsCommand(context),
            WorkspacesCommand(context),
            SamplesCommand(context),
            UploadCommand(context),
            AnalysesCommand(context),
            ReportsCommand(context),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) await context.Error.WriteLineAsync($"vm: {error.Message}");
            await context.Error.WriteLineAsync("Run vm --help for the commands and their options.");
            return ExitCodes.Usage;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error }, cancellationToken);
    }

    private static Command LoginCommand(CliContext context)
    {
        var server = new Option<string>("--server") { Description = "The server's address, e.g. https://variantminer.example.org (default: VM_SERVER, else the last one)." };
        var token = new Option<string>("--token") { Description = "A personal access token (vm_pat_…); - reads it from standard input." };
        var clientId = new Option<string>("--client-id") { Description = "An organization client's id (API clients page)." };
        var clientSecret = new Option<string>("--client-secret") { Description = "Its secret (default: VM_CLIENT_SECRET)." };
        var command = new Command("login", "Sign in: with a token, with an organization client, or (without either) in the browser with a code.")
            { server, token, clientId, clientSecret };
        command.SetAction(Guarded(context, async (parse, ct) =>
        {
            var store = new CredentialStore(context.ConfigDirectory);
            var address = parse.GetValue(server) ?? context.ServerFromEnvironment ?? store.Load()?.Server
                ?? throw new CliException(ExitCodes.Usage, "Give the server: vm login --server https://…");
            var credentials = parse.GetValue(clientId) is { } id
                ? await Login.WithClientAsync(context, address, id, parse.GetValue(clientSecret) ?? Environment.GetEnvironmentVariable("VM_CLIENT_SECRET")
                    ?? throw new CliException(ExitCodes.Usage, "Give --client-secret (or VM_CLIENT_SECRET) with --client-id."), ct)
                : parse.GetValue(token) is { } given
                    ? await Login.WithTokenAsync(context, address, given == "-" ? (await Console.In.ReadLineAsync(ct))?.Trim() ?? "" : given, ct)
                    : await Login.WithDeviceAsync(context, address, ct);
            store.Save(credentials);
            await Out(context, parse).ItemAsync(new { credentials.Server, credentials.OrganizationId, credentials.OrganizationName, credentials.Kind },
                $"Signed in to {credentials.OrganizationName} on {credentials.Server} ({credentials.Kind}).");
        }));
        return command;
    }

    private static Command LogoutCommand(CliContext context)
    {
        var command = new Command("logout", "Sign out: ends a device sign-in at the server and forgets the saved sign-in (a personal access token stays valid until revoked on its page).");
        command.SetAction(Guarded(context, async (parse, ct) =>
        {
            var store = new CredentialStore(context.ConfigDirectory);
            if (store.Load() is not { } saved)
            {
                await context.Error.WriteLineAsync("Not signed in.");
                return;
            }
            if (saved.RefreshToken is { } refresh) await Login.RevokeAsync(context, saved.Server, refresh, ct);
            store.Delete();
            await context.Error.WriteLineAsync("Signed out.");
        }));
        return command;
    }

    private static Command OrganizationsCommand(CliContext context)
    {
        var command = new Command("orgs", "The organization this sign-in works in, with its role.");
        command.SetAction(Connected(context, async (parse, connection, ct) =>
        {
            var organizations = await connection.Api.Api.Organizations.GetAsync(cancellationToken: ct) ?? [];
            await Out(context, parse).TableAsync(organizations.Select(o => new { o.Id, o.Name, Role = o.Role?.Name, o.WorkspaceCount, o.StorageUsedBytes }).ToList(),
                ("ID", o => o.Id.ToString()), ("NAME", o => o.Name), ("ROLE", o => o.Role), ("WORKSPACES", o => o.WorkspaceCount?.ToString()));
        }));
        return command;
    }

    private static Command WorkspacesCommand(CliContext context)
    {
        var command = new Command("workspaces", "The workspaces of the organization this sign-in may see.");
        command.SetAction(Connected(context, async (parse, connection, ct) =>
        {
            var workspaces = await connection.Api.Api.Organizations[connection.OrganizationId].Workspaces.GetAsync(cancellationToken: ct) ?? [];
            await Out(context, parse).TableAsync(workspaces.Select(w => new { w.Id, w.Name, w.Description }).ToList(),
                ("ID", w => w.Id.ToString()), ("NAME", w => w.Name), ("DESCRIPTION", w => w.Description));
        }));
        return command;
    }

    private static readonly Option<string> WorkspaceOption = new("--workspace", "-w") { Description = "The workspace, by id or name (not needed when there is one)." };

    private static Command SamplesCommand(CliContext context)
    {
        var search = new Option<string>("--search") { Description = "Only samples whose name contains this." };
        var list = new Command("list", "The samples of a workspace this sign-in may see (an Analyst: the ones assigned to them).") { WorkspaceOption, search };
        list.SetAction(Connected(context, async (parse, connection, ct) =>
        {
            var workspaceId = await WorkspaceAsync(connection, parse.GetValue(WorkspaceOption), ct);
            var samples = await SamplesAsync(connection, workspaceId, parse.GetValue(search), ct);
            await Out(context, parse).TableAsync(samples.Select(s => new { s.Id, s.Name, s.Assay, s.Status, Subject = s.Subject?.ExternalId }).ToList(),
                ("ID", s => s.Id.ToString()), ("NAME", s => s.Name), ("ASSAY", s => s.Assay), ("STATUS", s => s.Status), ("SUBJECT", s => s.Subject));
        }));
        return new Command("samples", "Samples.") { list };
    }

    private static Command UploadCommand(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The file to upload (FASTQ, BAM, CRAM, VCF…; .gz as it is)." };
        var sample = new Option<string>("--sample", "-s") { Description = "The sample it belongs to, by id or name." };
        var kind = new Option<string>("--kind") { Description = "fastq, bam, cram, vcf, bed, gff3, fasta or other (default: from the name)." };
        var read = new Option<int?>("--read") { Description = "1 or 2: which read of a pair a FASTQ file holds." };
        var command = new Command("upload", "Upload a file, resumably (run the same command again to continue an interrupted upload).")
            { file, WorkspaceOption, sample, kind, read };
        command.SetAction(Connected(context, async (parse, connection, ct) =>
        {
            var path = parse.GetValue(file)!;
            var workspaceId = await WorkspaceAsync(connection, parse.GetValue(WorkspaceOption), ct);
            Guid? sampleId = parse.GetValue(sample) is { } s ? await SampleAsync(connection, workspaceId, s, ct) : null;
            var result = await new Upload(connection, context).SendAsync(path, workspaceId, sampleId, parse.GetValue(kind) ?? Upload.KindOf(path), parse.GetValue(read), ct);
            await Out(context, parse).ItemAsync(result, $"Uploaded {result.Name} ({result.Bytes} bytes{(result.Resumed ? ", resumed" : "")}): file {result.FileId}");
        }));
        return command;
    }

    private static Command AnalysesCommand(CliContext context)
    {
        var samples = new Option<string[]>("--sample", "-s") { Description = "A sample to analyse, by id or name (repeat for a trio).", Required = true, AllowMultipleArgumentsPerToken = true };
        var workflow = new Option<Guid?>("--workflow") { Description = "The saved workflow to run (its id)." };
        var pipeline = new Option<string>("--pipeline") { Description = "Or the pipeline to run, by its key (e.g. germline-bwa-bcftools)." };
        var parameters = new Option<string[]>("--param") { Description = "A pipeline parameter, name=value (repeatable; values are JSON when they parse, else text)." };
        var wait = new Option<bool>("--wait") { Description = "Wait until it ends; exit 1 when it did not complete." };
        var launch = new Command("launch", "Launch an analysis of samples.") { WorkspaceOption, samples, workflow, pipeline, parameters, wait };
        launch.SetAction(Connected(context, async (parse, connection, ct) =>
        {
            var workspaceId = await WorkspaceAsync(connection, parse.GetValue(WorkspaceOption), ct);
            var sampleIds = new List<Guid?>();
            foreach (var s in parse.GetValue(samples)!) sampleIds.Add(await SampleAsync(connection, workspaceId, s, ct));
            var body = new LaunchAnalysis { SampleIds = sampleIds, WorkflowId = parse.GetValue(workflow), Pipeline = parse.GetValue(pipeline) };
            foreach (var pair in parse.GetValue(parameters) ?? [])
            {
                var at = pair.IndexOf('=', StringComparison.Ordinal);
                if (at <= 0) throw new CliException(ExitCodes.Usage, $"--param {pair}: write name=value.");
                body.Parameters ??= new();
                body.Parameters.AdditionalData[pair[..at]] = Value(pair[(at + 1)..]);
            }
            var analyses = connection.Api.Api.Organizations[connection.OrganizationId].Workspaces[workspaceId].Analyses;
            var launched = await analyses.PostAsync(body, cancellationToken: ct) ?? throw new CliException(ExitCodes.Failed, "The server launched nothing.");
            var status = launched.Status;
            if (parse.GetValue(wait))
            {
                string? last = null;
                while (true)
                {
                    var analysis = await analyses[launched.Id!.Value].GetAsync(cancellationToken: ct);
                    status = analysis?.Status;
                    if (status != last) await context.Error.WriteLineAsync($"{launched.Id}: {status}");
                    last = status;
                    if (status is "COMPLETE" or "EXECUTOR_ERROR" or "SYSTEM_ERROR" or "CANCELED") break;
                    await Task.Delay(context.PollInterval, ct);
                }
            }
            await Out(context, parse).ItemAsync(new { launched.Id, Status = status }, $"Analysis {launched.Id}: {status}");
            if (parse.GetValue(wait) && status != "COMPLETE") throw new CliException(ExitCodes.Failed, $"The analysis ended {status}.");
        }));
        return new Command("analyses", "Analyses.") { launch };
    }

    private static Command ReportsCommand(CliContext context)
    {
        var analysis = new Option<Guid?>("--analysis") { Description = "Only this analysis's reports." };
        var list = new Command("list", "The reports of a workspace this sign-in may see, newest first.") { WorkspaceOption, analysis };
        list.SetAction(Connected(context, async (parse, connection, ct) =>
        {
            var workspaceId = await WorkspaceAsync(connection, parse.GetValue(WorkspaceOption), ct);
            var reports = await connection.Api.Api.Organizations[connection.OrganizationId].Workspaces[workspaceId].Reports
                .GetAsync(r => r.QueryParameters.AnalysisId = parse.GetValue(analysis), ct) ?? [];
            await Out(context, parse).TableAsync(reports.Select(r => new { r.Id, r.Title, r.Version, r.Status, r.AnalysisId, r.UpdatedAt }).ToList(),
                ("ID", r => r.Id.ToString()), ("TITLE", r => r.Title), ("VERSION", r => r.Version?.ToString()), ("STATUS", r => r.Status),
                ("UPDATED", r => r.UpdatedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)));
        }));

        var report = new Argument<Guid>("report") { Description = "The report's id (vm reports list)." };
        var pdf = new Option<string>("--pdf") { Description = "Save the PDF to this file (a signed version exactly as signed; its SHA-256 is checked)." };
        var version = new Option<int?>("--version") { Description = "Which version (default: the current one)." };
        var get = new Command("get", "A report's versions and signatures, or (--pdf FILE) the PDF of a version.") { report, WorkspaceOption, pdf, version };
        get.SetAction(Connected(context, async (parse, connection, ct) =>
        {
            var workspaceId = await WorkspaceAsync(connection, parse.GetValue(WorkspaceOption), ct);
            var item = connection.Api.Api.Organizations[connection.OrganizationId].Workspaces[workspaceId].Reports[parse.GetValue(report)];
            var found = await item.GetAsync(cancellationToken: ct) ?? throw new CliException(ExitCodes.NotFound, "No such report.");
            if (parse.GetValue(pdf) is not { } path)
            {
                await Out(context, parse).TableAsync((found.Versions ?? []).Select(v => new
                {
                    v.Number,
                    v.Status,
                    v.Kind,
                    Signer = v.Signature?.Signer?.DisplayName,
                    v.Signature?.SignedAt,
                    v.Signature?.Meaning,
                    v.Signature?.PdfSha256,
                }).ToList(), ("VERSION", v => v.Number?.ToString()), ("STATUS", v => v.Status), ("SIGNED BY", v => v.Signer),
                    ("SIGNED AT", v => v.SignedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture)),
                    ("MEANING", v => v.Meaning), ("SHA-256", v => v.PdfSha256));
                return;
            }
            var wanted = parse.GetValue(version);
            var chosen = (found.Versions ?? []).FirstOrDefault(v => wanted is null || v.Number == wanted)
                ?? throw new CliException(ExitCodes.NotFound, $"The report has no version {wanted}.");
            await using (var content = await item.Pdf.GetAsync(r => r.QueryParameters.Version = chosen.Number, ct)
                ?? throw new CliException(ExitCodes.Failed, "The server sent no PDF."))
            await using (var file = File.Create(path))
                await content.CopyToAsync(file, ct);
            string sha256;
            await using (var saved = File.OpenRead(path)) sha256 = Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(saved, ct));
            if (chosen.Signature?.PdfSha256 is { } signed && signed != sha256)
                throw new CliException(ExitCodes.Failed, $"The PDF saved to {path} is not the one signed (SHA-256 {sha256}, signed {signed}).");
            await Out(context, parse).ItemAsync(new { File = path, Version = chosen.Number, chosen.Status, Sha256 = sha256, Signed = chosen.Signature is not null },
                $"Saved version {chosen.Number} ({chosen.Status}{(chosen.Signature is null ? ", a draft" : ", signed")}) to {path}; SHA-256 {sha256}");
        }));
        return new Command("reports", "Reports.") { list, get };
    }

    private static UntypedNode Value(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind switch
            {
                JsonValueKind.Number when document.RootElement.TryGetInt64(out var whole) => new UntypedLong(whole),
                JsonValueKind.Number => new UntypedDouble(document.RootElement.GetDouble()),
                JsonValueKind.True or JsonValueKind.False => new UntypedBoolean(document.RootElement.GetBoolean()),
                JsonValueKind.String => new UntypedString(document.RootElement.GetString()),
                _ => new UntypedString(text),
            };
        }
        catch (JsonException)
        {
            return new UntypedString(text);
        }
    }

    private static async Task<Guid> WorkspaceAsync(Connection connection, string? given, CancellationToken ct)
    {
        var workspaces = await connection.Api.Api.Organizations[connection.OrganizationId].Workspaces.GetAsync(cancellationToken: ct) ?? [];
        if (given is null)
            return workspaces is [var only] ? only.Id!.Value
                : throw new CliException(ExitCodes.Usage, $"Name the workspace with --workspace: {string.Join(", ", workspaces.Select(w => w.Name))}.");
        return workspaces.FirstOrDefault(w => w.Id.ToString() == given || string.Equals(w.Name, given, StringComparison.OrdinalIgnoreCase))?.Id
            ?? throw new CliException(ExitCodes.NotFound, $"No workspace \"{given}\" that this sign-in may see.");
    }

    private static async Task<Guid> SampleAsync(Connection connection, Guid workspaceId, string given, CancellationToken ct)
    {
        if (Guid.TryParse(given, out var id)) return id;
        return (await SamplesAsync(connection, workspaceId, given, ct)).FirstOrDefault(s => string.Equals(s.Name, given, StringComparison.OrdinalIgnoreCase))?.Id
            ?? throw new CliException(ExitCodes.NotFound, $"No sample \"{given}\" in that workspace that this sign-in may see.");
    }

    private static async Task<List<Sample>> SamplesAsync(Connection connection, Guid workspaceId, string? search, CancellationToken ct)
    {
        var all = new List<Sample>();
        string? cursor = null;
        do
        {
            var page = await connection.Api.Api.Organizations[connection.OrganizationId].Workspaces[workspaceId].Samples.GetAsync(r =>
            {
                r.QueryParameters.Limit = 200;
                r.QueryParameters.Search = search;
                r.QueryParameters.Cursor = cursor;
            }, ct);
            all.AddRange(page?.Items ?? []);
            cursor = page?.NextCursor;
        }
        while (cursor is not null);
        return all;
    }

    private static Output Out(CliContext context, ParseResult parse) => new(context, parse.GetValue(JsonOption));

    /// <summary>A command that needs the sign-in.</summary>
    private static Func<ParseResult, CancellationToken, Task<int>> Connected(CliContext context, Func<ParseResult, Connection, CancellationToken, Task> body) =>
        Guarded(context, async (parse, ct) =>
        {
            using var connection = await Connection.OpenAsync(context, ct);
            await body(parse, connection, ct);
        });

    /// <summary>Runs a command; a failure becomes one line on standard error and its exit code.</summary>
    private static Func<ParseResult, CancellationToken, Task<int>> Guarded(CliContext context, Func<ParseResult, CancellationToken, Task> body) =>
        async (parse, ct) =>
        {
            try
            {
                await body(parse, ct);
                return ExitCodes.Ok;
            }
            catch (Exception failure) when (Failure(failure) is { } known)
            {
                await context.Error.WriteLineAsync($"vm: {known.Message}");
                return known.ExitCode;
            }
        };

    private static CliException? Failure(Exception failure) => failure switch
    {
        CliException known => known,
        ApiException api => CliException.From(api),
        HttpRequestException network => new CliException(ExitCodes.Failed, $"Cannot reach the server: {network.Message}"),
        _ => null,
    };
}
