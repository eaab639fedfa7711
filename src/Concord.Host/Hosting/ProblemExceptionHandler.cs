using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Concord.Host.Hosting;

/// <summary>
/// Turns exceptions that reach the pipeline into problem details. A request body over the limit is the
/// client's error and says the limit; anything else is a 500 that reveals nothing outside Development
/// (an exception message can carry SQL, paths or values from the request).
/// </summary>
internal sealed partial class ProblemExceptionHandler(
    IProblemDetailsService problems,
    IHostEnvironment environment,
    IOptions<LimitsOptions> limits,
    ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem;
        if (exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            problem = RequestTooLarge(limits.Value.MaxRequestBytes);
        }
        else if (exception is BadHttpRequestException bad)
        {
            problem = new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "Bad request",
                Detail = bad.Message,
                Type = "urn:concord:problem:bad-request",
                Extensions = { ["rule"] = "bad-request" },
            };
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
    }
}
