using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Concord.Host.Hosting;

/// <summary>
/// The rate limiter middleware; modules add their policies (Access limits authentication). A rejected request
/// answers 429 problem details with Retry-After when the limiter knows it.
/// </summary>
internal static class RateLimiting
{
    public static void AddConcordRateLimiter(this IServiceCollection services) => services.AddRateLimiter(options =>
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = async (context, cancellationToken) =>
        {
            var http = context.HttpContext;
            if (context.Lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retryAfter))
            {
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            // A browser UI page leaves the body to the UI, which shows an HTML page saying so.
            if (http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is not null)
            {
                return;
            }

            var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many requests",
                    Detail = "This client sent too many requests; wait and try again.",
                    Type = "urn:concord:problem:rate-limited",
                    Extensions = { ["rule"] = "rate-limited" },
                },
            });
        };
    });
}
