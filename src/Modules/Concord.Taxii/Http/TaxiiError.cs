using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Concord.Taxii.Http;

/// <summary>
/// The TAXII error resource (T 3.6.1): every TAXII failure answers with it, never with problem details, a stack
/// trace or server internals. <c>error_code</c> carries the rule broken, <c>details.field</c> the offending input.
/// </summary>
internal sealed class TaxiiError(int status, string title, string description, string rule, string? field = null, TimeSpan? retryAfter = null) : IResult
{
    public int Status => status;

    public string Rule => rule;

    public static TaxiiError BadRequest(string field, string rule, string description) => new(400, "Bad request", description, rule, field);

    public static TaxiiError Unauthorized(string description) => new(401, "Authentication required", description, "authentication-required");

    public static TaxiiError TooManyRequests(TimeSpan retryAfter) => new(429, "Too many requests",
        "Too many failed authentications for this user name from this address, or from this address; retry after the time in Retry-After.",
        "rate-limited", retryAfter: retryAfter);

    public static TaxiiError Forbidden(string description) => new(403, "Forbidden", description, "forbidden");

    public static TaxiiError NotFound(string what) => new(404, "Not found", $"{what} was not found, or you may not see it.", "not-found");

    public static TaxiiError NotAcceptable() => new(406, "Not acceptable",
        $"This endpoint answers with {TaxiiMediaTypes.Taxii21}; the Accept header allows none of it.", "accept", "Accept");

    public static TaxiiError TooLarge(long max) => new(413, "Request too large",
        $"The request body is larger than this API root's max_content_length of {max} bytes.", "max-content-length", "Content-Length");

    public static TaxiiError UnsupportedMediaType() => new(415, "Unsupported media type",
        $"Send the envelope as {TaxiiMediaTypes.Taxii21}.", "content-type", "Content-Type");

    public static TaxiiError Unprocessable(string rule, string description, string? field = null) => new(422, "Unprocessable content", description, rule, field);

    public static TaxiiError Internal() => new(500, "Internal error", "The server could not complete the request; it has been logged.", "internal");

    /// <summary>
    /// What the node's exception handler refused on a TAXII route (a request the framework could not read: a parameter
    /// that does not bind, a broken chunked body), said the TAXII way with the same title, description, rule and field;
    /// a 5xx says nothing of what failed, as <see cref="Internal"/>.
    /// </summary>
    public static TaxiiError From(ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var status = problem.Status ?? StatusCodes.Status500InternalServerError;
        if (status >= StatusCodes.Status500InternalServerError)
        {
            return Internal();
        }

        return new(
            status,
            problem.Title ?? "Bad request",
            problem.Detail ?? "The request could not be read.",
            problem.Extensions.TryGetValue("rule", out var rule) && rule is string r ? r : "bad-request",
            problem.Extensions.TryGetValue("field", out var field) ? field as string : null);
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = TaxiiMediaTypes.Taxii21;
        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        if (status == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = new[] { "Basic realm=\"concord\", charset=\"UTF-8\"", "Bearer realm=\"concord\"" };
        }

        await using var writer = new Utf8JsonWriter(response.Body);
        writer.WriteStartObject();
        writer.WriteString("title", title);
        writer.WriteString("description", description);
        writer.WriteString("error_id", httpContext.TraceIdentifier);
        writer.WriteString("error_code", rule);
        writer.WriteString("http_status", status.ToString(CultureInfo.InvariantCulture));
        if (field is not null)
        {
            writer.WriteStartObject("details");
            writer.WriteString("field", field);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
