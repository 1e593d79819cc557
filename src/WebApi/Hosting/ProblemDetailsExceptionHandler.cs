using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using VariantMiner.Application.Common.Exceptions;
using VariantMiner.Domain.Common;

namespace VariantMiner.WebApi.Hosting;

/// <summary>The one place exceptions become RFC 9457 problem details.</summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationException v => Validation(v),
            InvalidCredentialsException or UnauthenticatedException => Problem(StatusCodes.Status401Unauthorized, "Unauthorized", exception.Message),
            ForbiddenException { Reason: { } reason } => Problem(StatusCodes.Status403Forbidden, "Forbidden", exception.Message, reason),
            ForbiddenException => Problem(StatusCodes.Status403Forbidden, "Forbidden", exception.Message),
            NotFoundException => Problem(StatusCodes.Status404NotFound, "Not found", exception.Message),
            ConflictException => Problem(StatusCodes.Status409Conflict, "Conflict", exception.Message),
            GoneException => Problem(StatusCodes.Status410Gone, "Gone", exception.Message),
            RequestRefusedException refused => Problem(refused.Status, refused.Title, exception.Message),
            PermissionEscalationException => Problem(StatusCodes.Status403Forbidden, "Forbidden", exception.Message),
            DomainException => Problem(StatusCodes.Status400BadRequest, "Bad request", exception.Message),
            AntiforgeryValidationException => Problem(StatusCodes.Status400BadRequest, "Bad request",
                "The request is missing a valid antiforgery token (X-XSRF-TOKEN header). Reload the page and try again."),
            BadHttpRequestException { InnerException: JsonException json } => BodyProblem(json),
            BadHttpRequestException bad => Problem(bad.StatusCode, bad.StatusCode == StatusCodes.Status415UnsupportedMediaType ? "Unsupported media type" : "Bad request",
                bad.StatusCode == StatusCodes.Status415UnsupportedMediaType ? "Send the request body as application/json; charset=utf-8." : bad.Message),
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = Problem(StatusCodes.Status500InternalServerError, "Server error",
                "Something went wrong on our side. The error has been logged; please try again.");
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails Problem(int status, string title, string detail, string? reason = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (reason is not null) problem.Extensions["reason"] = reason;
        return problem;
    }

    private static ValidationProblemDetails Validation(ValidationException exception)
    {
        var errors = exception.Errors
            .GroupBy(e => string.Join('.', e.PropertyName.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName))) // newSubject.dateOfBirth
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        return new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Validation failed",
            Detail = errors.Count == 1 && errors.First().Value.Length == 1
                ? errors.First().Value[0]
                : "Some fields are not valid: " + string.Join(", ", errors.Keys.Where(k => k.Length > 0)) + ".",
        };
    }

    /// <summary>
    /// A body the JSON reader refused: a missing required field, a null where none is allowed, or not JSON of the
    /// expected shape. The serializer's message names .NET types, so the detail is rebuilt from its facts.
    /// </summary>
    private static ProblemDetails BodyProblem(JsonException exception)
    {
        var message = exception.Message;
        var field = exception.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            var names = System.Text.RegularExpressions.Regex.Matches(message[message.IndexOf("including:", StringComparison.Ordinal)..], "'([^']+)'")
                .Select(m => m.Groups[1].Value).ToArray();
            return Fields(names, n => $"{n} is required.", $"Required field{(names.Length == 1 ? " is" : "s are")} missing: {string.Join(", ", names)}.");
        }
        if (field is not null && message.Contains("allow", StringComparison.Ordinal) && message.Contains("null", StringComparison.Ordinal))
            return Fields([field], n => $"{n} must not be null.", $"{field} must not be null.");
        return Problem(StatusCodes.Status400BadRequest, "Bad request",
            "The request body is not valid JSON for this operation" + (field is null ? "." : $" (at {field})."));
    }

    private static ValidationProblemDetails Fields(string[] names, Func<string, string> error, string detail) =>
        new(names.ToDictionary(n => n, n => new[] { error(n) }))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Validation failed",
            Detail = detail,
        };
}
