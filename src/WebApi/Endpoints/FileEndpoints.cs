using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using VariantMiner.Application.Common.Exceptions;
using VariantMiner.Application.Files;

namespace VariantMiner.WebApi.Endpoints;

/// <summary>
/// Files of a workspace: resumable uploads (tus 1.0.0 core, creation, termination, checksum sha256, expiration) and
/// the files they become (list, metadata, delete, download with HTTP Range). The protocol's headers are read and
/// written here; every decision is made by the mediator requests behind them.
/// </summary>
internal sealed class FileEndpoints : IEndpointGroup
{
    private const string TusVersion = "1.0.0";

    public void Map(IEndpointRouteBuilder app)
    {
        var workspace = app.MapGroup("/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var uploads = workspace.MapGroup("/uploads").WithTags("Uploads (tus)");

        uploads.MapMethods("", ["OPTIONS"], async (Guid orgId, Guid workspaceId, HttpContext http, ISender sender, IOptions<UploadOptions> options, CancellationToken ct) =>
            {
                // Discovery still goes through the pipeline: only members who may upload learn the limits.
                await sender.Send(new DescribeUploads(orgId, workspaceId), ct);
                var headers = http.Response.Headers;
                headers["Tus-Resumable"] = TusVersion;
                headers["Tus-Version"] = TusVersion;
                headers["Tus-Extension"] = "creation,termination,checksum,expiration";
                headers["Tus-Checksum-Algorithm"] = "sha256";
                headers["Tus-Max-Size"] = options.Value.MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.NoContent();
            })
            .WithName("Uploads_Options")
            .WithSummary("tus discovery: version, extensions, checksum algorithm, largest file (samples.define).");

        uploads.MapPost("", async Task<IResult> (Guid orgId, Guid workspaceId, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                await RequireTusAsync(http, sender, orgId, workspaceId, ct);
                var length = RequiredLong(http, "Upload-Length");
                var metadata = Metadata(http.Request.Headers["Upload-Metadata"].ToString());
                Guid? sampleId = metadata.TryGetValue("sampleId", out var s) && s.Length > 0
                    ? Guid.TryParse(s, out var parsed) ? parsed : throw Invalid.Field("sampleId", "Upload-Metadata sampleId is not an id.")
                    : null;
                int? read = metadata.TryGetValue("read", out var r) && r.Length > 0
                    ? int.TryParse(r, out var n) ? n : throw Invalid.Field("readNumber", "Upload-Metadata read must be 1 or 2.")
                    : null;
                var created = await sender.Send(new CreateUpload(orgId, workspaceId, length, metadata.GetValueOrDefault("filename"),
                    metadata.GetValueOrDefault("kind"), sampleId, read), ct);
                TusHeaders(http, created);
                return TypedResults.Created($"/api/organizations/{orgId}/workspaces/{workspaceId}/uploads/{created.Id}", created);
            })
            .WithName("Uploads_Create")
            .WithSummary("tus creation (samples.define): Upload-Length, Upload-Metadata (base64 filename, kind, optional sampleId and read 1|2); the length is reserved against the quota (403 reason storage-quota when it does not fit).")
            .ProducesValidationProblem();

        var upload = uploads.MapGroup("/{uploadId:guid}");

        upload.MapMethods("", ["HEAD"], async (Guid orgId, Guid workspaceId, Guid uploadId, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                await RequireTusAsync(http, sender, orgId, workspaceId, ct);
                var state = await sender.Send(new GetUpload(orgId, workspaceId, uploadId), ct);
                // The server stopped after acknowledging the last byte but before committing the file: finish it now.
                if (state.Offset == state.Length) await sender.Send(new CompleteUpload(orgId, workspaceId, uploadId), ct);
                TusHeaders(http, state);
                return TypedResults.Ok();
            })
            .WithName("Uploads_Offset")
            .WithSummary("tus HEAD: Upload-Offset and Upload-Length of my upload (404 for anyone else's, 410 once expired).");

        upload.MapPatch("", async Task<IResult> (Guid orgId, Guid workspaceId, Guid uploadId, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                await RequireTusAsync(http, sender, orgId, workspaceId, ct);
                if (!string.Equals(http.Request.ContentType, "application/offset+octet-stream", StringComparison.OrdinalIgnoreCase))
                    throw new RequestRefusedException(UploadStatus.UnsupportedMediaType, "Unsupported media type",
                        "A tus PATCH carries Content-Type: application/offset+octet-stream.");
                var offset = RequiredLong(http, "Upload-Offset");
                var limit = http.RequestServices.GetRequiredService<IOptions<UploadOptions>>().Value.MaxChunkBytes;
                if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
                var state = await sender.Send(new AppendUpload(orgId, workspaceId, uploadId, offset, http.Request.Body, Checksum(http)), ct);
                TusHeaders(http, state);
                if (state.FileId is { } fileId) http.Response.Headers["Upload-File-Id"] = fileId.ToString();
                return TypedResults.NoContent();
            })
            .WithName("Uploads_Append")
            .WithSummary("tus PATCH (samples.define): appends at Upload-Offset (409 when it is not the server's), optional Upload-Checksum: sha256 <base64> (460 on mismatch); the last chunk completes the file (422 when its content is not the declared kind), Upload-File-Id names it.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        upload.MapDelete("", async Task<NoContent> (Guid orgId, Guid workspaceId, Guid uploadId, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                await RequireTusAsync(http, sender, orgId, workspaceId, ct);
                await sender.Send(new TerminateUpload(orgId, workspaceId, uploadId), ct);
                http.Response.Headers["Tus-Resumable"] = TusVersion;
                return TypedResults.NoContent();
            })
            .WithName("Uploads_Terminate")
            .WithSummary("tus termination (samples.define): my upload and its bytes go, its reservation is released.");

        var files = workspace.MapGroup("/files").WithTags("Files");

        files.MapGet("", async Task<Ok<IReadOnlyList<FileDto>>> (Guid orgId, Guid workspaceId, Guid? sampleId, string? kind, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListFiles(orgId, workspaceId, sampleId, kind), ct)))
            .WithName("Files_List")
            .WithSummary("Files I may see (their sample's visibility), newest first; filters sampleId and kind.")
            .ProducesValidationProblem();

        var file = files.MapGroup("/{fileId:guid}");

        file.MapGet("", async Task<Ok<FileDto>> (Guid orgId, Guid workspaceId, Guid fileId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetFile(orgId, workspaceId, fileId), ct)))
            .WithName("Files_Get")
            .WithSummary("A file's metadata (name, kind, size, SHA-256, sample, uploader).");

        file.MapGet("/content", async Task<IResult> (Guid orgId, Guid workspaceId, Guid fileId, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var open = await sender.Send(new OpenFileContent(orgId, workspaceId, fileId), ct);
                http.Response.Headers.CacheControl = "no-store";
                var disposition = new ContentDispositionHeaderValue("attachment");
                disposition.SetHttpFileName(open.File.Name);
                http.Response.Headers.ContentDisposition = disposition.ToString();
                return TypedResults.Stream(open.Content, "application/octet-stream", enableRangeProcessing: true);
            })
            .WithName("Files_Download")
            .WithSummary("Downloads a file as an attachment, with HTTP Range (206) for genome browsers; every download is audited.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .Produces(StatusCodes.Status206PartialContent, contentType: "application/octet-stream");

        file.MapDelete("", async Task<NoContent> (Guid orgId, Guid workspaceId, Guid fileId, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteFile(orgId, workspaceId, fileId), ct);
                return TypedResults.NoContent();
            })
            .WithName("Files_Delete")
            .WithSummary("Deletes a file (samples.define): its bytes are freed and leave the organization's storage.");
    }

    /// <summary>
    /// Authorizes through the pipeline first (not a member → 404, no samples.define → 403), then checks the protocol
    /// version: an outsider learns nothing from a protocol error.
    /// </summary>
    private static async Task RequireTusAsync(HttpContext http, ISender sender, Guid orgId, Guid workspaceId, CancellationToken ct)
    {
        await sender.Send(new DescribeUploads(orgId, workspaceId), ct);
        http.Response.Headers["Tus-Resumable"] = TusVersion;
        if (http.Request.Headers["Tus-Resumable"] != TusVersion)
            throw new RequestRefusedException(StatusCodes.Status412PreconditionFailed, "Precondition failed",
                $"This server speaks tus {TusVersion}: send the header Tus-Resumable: {TusVersion}.");
    }

    private static void TusHeaders(HttpContext http, UploadStateDto state)
    {
        var headers = http.Response.Headers;
        headers["Upload-Offset"] = state.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["Upload-Length"] = state.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["Upload-Expires"] = state.ExpiresAt.ToString("R");
        headers.CacheControl = "no-store";
    }

    private static long RequiredLong(HttpContext http, string header)
    {
        var value = http.Request.Headers[header].ToString();
        if (!long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
            throw Invalid.Field(header, $"{header} must be a non-negative whole number of bytes.");
        return number;
    }

    /// <summary>tus Upload-Metadata: comma-separated "key base64value" pairs.</summary>
    private static Dictionary<string, string> Metadata(string header)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split(' ', 2);
            try { result[parts[0]] = parts.Length == 2 ? Encoding.UTF8.GetString(Convert.FromBase64String(parts[1])) : ""; }
            catch (FormatException) { throw Invalid.Field("Upload-Metadata", $"The value of \"{parts[0]}\" in Upload-Metadata is not base64."); }
        }
        return result;
    }

    /// <summary>Upload-Checksum: "sha256 base64digest"; another algorithm is a 400.</summary>
    private static byte[]? Checksum(HttpContext http)
    {
        var header = http.Request.Headers["Upload-Checksum"].ToString();
        if (header.Length == 0) return null;
        var parts = header.Split(' ', 2);
        if (parts.Length != 2 || !parts[0].Equals("sha256", StringComparison.OrdinalIgnoreCase))
            throw Invalid.Field("Upload-Checksum", "Upload-Checksum must be \"sha256 <base64 digest>\" (Tus-Checksum-Algorithm: sha256).");
        try
        {
            var digest = Convert.FromBase64String(parts[1]);
            return digest.Length == 32 ? digest : throw Invalid.Field("Upload-Checksum", "A SHA-256 digest is 32 bytes.");
        }
        catch (FormatException) { throw Invalid.Field("Upload-Checksum", "The Upload-Checksum digest is not base64."); }
    }
}
