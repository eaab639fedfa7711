using Concord.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Concord.Taxii.Http;

/// <summary>
/// Runs before every TAXII endpoint: Accept negotiation (406), authentication (401 with a challenge), and the
/// principal every read is filtered for. Any unexpected failure becomes the TAXII error resource, never a trace; a
/// request the server could not read goes on to the node's exception handler, which answers it as a TAXII error too.
/// </summary>
internal sealed class TaxiiRequestFilter(IPrincipalResolver resolver, IAuthorizationService authorization, ILogger<TaxiiRequestFilter> logger) : IEndpointFilter
{
    private const string PrincipalKey = "concord.taxii.principal";

    public static Principal PrincipalOf(HttpContext http) => (Principal)http.Items[PrincipalKey]!;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            if (!TaxiiMediaTypes.Accepts(http.Request.Headers.Accept))
            {
                return TaxiiError.NotAcceptable();
            }

            // The node's one rule for readers, REST and UI alike: a member or peer node, or a caller without credentials
            // where the node allows anonymous public reads. Credentials that were sent but not accepted are refused even
            // then, so a client with an expired key learns it instead of silently reading less.
            if (!(await authorization.AuthorizeAsync(http.User, http, AccessPolicies.PublicReader)).Succeeded)
            {
                if (AccessIdentity.RetryAfter(http) is { } wait)
                {
                    return TaxiiError.TooManyRequests(wait);
                }

                return string.IsNullOrEmpty(http.Request.Headers.Authorization)
                    ? TaxiiError.Unauthorized("Authenticate with HTTP Basic (user name and password) or a bearer API key.")
                    : TaxiiError.Unauthorized("The credentials were not accepted (unknown, expired or revoked API key, or wrong password).");
            }

            http.Items[PrincipalKey] = await resolver.ResolveAsync(http.User, http.RequestAborted);
            return await next(context);
        }
        // A request Kestrel could not read (a broken chunked body, a body sent too slowly) is the client's error, not the
        // server's: the node's exception handler answers it with its status, as a TAXII error (the group's ErrorFormat).
        catch (Exception exception) when (exception is not BadHttpRequestException
            && (exception is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested))
        {
            logger.RequestFailed(exception, http.Request.Method, http.Request.Path);
            return TaxiiError.Internal();
        }
    }
}
