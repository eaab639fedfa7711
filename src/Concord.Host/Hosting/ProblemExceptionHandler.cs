using Concord.Platform;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Concord.Host.Hosting;

/// <summary>
/// Turns exceptions that reach the pipeline into problem details. A request body over the limit is the client's error
/// and says the limit; a request the framework could not read (a parameter that does not bind, a body that is not JSON:
/// <c>ThrowOnBadRequest</c> is on) is the client's error too, and names the field (<see cref="BadRequestProblems"/>);
/// anything else is a 500 that reveals nothing outside Development (an exception message can carry SQL, paths or values
/// from the request). A route group with its own error format (TAXII's) gets the same answer in that format.
/// </summary>
internal sealed partial class ProblemExceptionHandler(
    IProblemDetailsService problems,
    IHostEnvironment environment,
    IOptions<LimitsOptions> limits,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has cleared the endpoint from the context by now; its feature keeps the one that failed.
        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
        ProblemDetails problem;
        if (exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            problem = RequestTooLarge(limits.Value.MaxRequestBytes);
        }
        else if (exception is BadHttpRequestException bad)
        {
            // The client's error, answered in full: not an unhandled exception, and not worth more than a debug line.
            problem = BadRequestProblems.Describe(bad, endpoint, json.Value.SerializerOptions);
            Log.Refused(logger, httpContext.Request.Method, httpContext.Request.Path, problem.Status ?? 0, problem.Extensions.TryGetValue("field", out var field) ? field as string : null);
        }
        else if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
            return true;
        }
        else
        {
            Log.Unhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Internal server error",
                Detail = environment.IsDevelopment() ? exception.ToString() : "The node could not complete the request; the error is in its log.",
                Type = "urn:concord:problem:internal-error",
                Extensions = { ["rule"] = "internal-error" },
            };
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        if (endpoint?.Metadata.GetMetadata<ErrorFormat>() is { } format)
        {
            await format.Answer(problem).ExecuteAsync(httpContext);
            return true;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    public static ProblemDetails RequestTooLarge(long limit) => new()
    {
        Status = StatusCodes.Status413PayloadTooLarge,
        Title = "Request too large",
        Detail = $"The request body is larger than this node's limit of {limit:N0} bytes (Concord:Limits:MaxRequestBytes). "
            + "Split the bundle, or import the file with the CLI, which streams it.",
        Type = "urn:concord:problem:request-too-large",
        Extensions = { ["rule"] = "request-too-large", ["field"] = "body", ["limit"] = limit },
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
        public static partial void Unhandled(ILogger logger, Exception exception, string method, PathString path);

        // The field, not the value: a refused value is the client's input and may be anything.
        [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Refused {Method} {Path} with {Status}: the request could not be read (field {Field})")]
        public static partial void Refused(ILogger logger, string method, PathString path, int status, string? field);
    }
}
