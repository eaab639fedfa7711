using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Concord.Taxii.Http;

/// <summary>A TAXII resource written straight to the response with <see cref="Utf8JsonWriter"/>, as <see cref="TaxiiMediaTypes.Taxii21"/>.</summary>
internal sealed class TaxiiOk(Action<Utf8JsonWriter> write, int status = StatusCodes.Status200OK) : IResult
{
    /// <summary><c>date_added</c> of the first and last record in this response, for the X-TAXII-Date-Added-* headers (T 3.2).</summary>
    public (DateTimeOffset First, DateTimeOffset Last)? DateAdded { get; init; }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = TaxiiMediaTypes.Taxii21;
        if (DateAdded is { } dates)
        {
            response.Headers["X-TAXII-Date-Added-First"] = TaxiiTime.Format(dates.First);
            response.Headers["X-TAXII-Date-Added-Last"] = TaxiiTime.Format(dates.Last);
        }

        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        write(writer);
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}

/// <summary>200 with no body (Delete an Object, T 5.7); the Content-Type is still TAXII.</summary>
internal sealed class TaxiiEmpty : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = TaxiiMediaTypes.Taxii21;
        httpContext.Response.ContentLength = 0;
        return Task.CompletedTask;
    }
}
