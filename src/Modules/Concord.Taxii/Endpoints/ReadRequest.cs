using Concord.Access;
using Concord.Intel;
using Concord.Taxii.Features.Collections;
using Concord.Taxii.Features.Query;
using Concord.Taxii.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Taxii.Endpoints;

/// <summary>
/// What every collection read starts with: who asks, the collection (a collection the caller may not read is not
/// found), and the filters the endpoint allows, parsed — or the TAXII error that ends the request.
/// </summary>
internal sealed record ReadRequest(Principal Principal, TaxiiCollection Collection, TaxiiFilters Filters)
{
    public static (ReadRequest? Request, TaxiiError? Error) Open(
        HttpContext http, TaxiiCatalog catalog, string root, string collection, FilterSet allowed, int maxPage)
    {
        var principal = TaxiiRequestFilter.PrincipalOf(http);
        if (CollectionEndpoints.Find(catalog, principal, root, collection) is not { } found)
        {
            return (null, TaxiiError.NotFound("The collection"));
        }

        var tokens = new PageToken(http.RequestServices.GetRequiredService<IPageCursors>(), principal);
        var (filters, error) = FilterParser.Parse(http.Request, allowed, maxPage, tokens);
        return error is not null ? (null, error) : (new ReadRequest(principal, found, filters!), null);
    }
}
