using Concord.Access;
using Concord.Platform;
using Concord.Taxii.Data;
using Concord.Taxii.Endpoints;
using Concord.Taxii.Features.Collections;
using Concord.Taxii.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Taxii;

/// <summary>The TAXII 2.1 server's two public doors. Everything is served under <c>/taxii2/</c> (T 8.2.1).</summary>
public static class TaxiiModule
{
    public const string Name = "taxii";

    public static IServiceCollection AddTaxii(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TaxiiOptions>().Bind(configuration.GetSection(TaxiiOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TaxiiCatalog>();
        services.AddSingleton<ITaxiiPeerCollection, PeerCollection>();
        services.AddScoped<IAudienceReferences, CollectionAudiences>();
        services.AddScoped<Features.Status.AddObjects>();
        services.AddSingleton<Features.Status.StatusPurge>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Status.StatusPurge>());
        services.AddModuleDbContext<TaxiiDbContext, SqliteTaxiiDbContext, PostgresTaxiiDbContext>(Name);
        return services;
    }

    public static async Task MigrateTaxiiAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.MigrateModuleAsync<TaxiiDbContext>(cancellationToken);
    }

    /// <summary>
    /// Maps <c>/taxii2/</c> on <paramref name="endpoints"/> (the application root, not <c>/api/v1</c>). The group opts
    /// out of the node's fallback policy on purpose: <see cref="TaxiiRequestFilter"/> authorizes every request against
    /// <see cref="AccessPolicies.PublicReader"/> itself, so that a refusal is a TAXII error; anonymous readers, where
    /// the node allows them, reach public collections only.
    /// </summary>
    public static IEndpointRouteBuilder MapTaxiiEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Not in the OpenAPI document: TAXII is described by the OASIS specification, not by /api/v1's contract. What the
        // node's exception handler answers here (a request the framework could not read) is a TAXII error too.
        var group = endpoints.MapGroup("/taxii2").AddEndpointFilter<TaxiiRequestFilter>().AllowAnonymous().DisableAntiforgery().ExcludeFromDescription()
            .WithMetadata(new ErrorFormat(TaxiiError.From));
        group.MapServerEndpoints();
        group.MapCollectionEndpoints();
        group.MapManifestEndpoints();
        group.MapObjectReadEndpoints();
        group.MapWriteEndpoints();
        group.MapDeleteEndpoints();

        // Anything else under /taxii2/ is a TAXII 404, not the host's problem details.
        group.Map("/{**rest}", () => TaxiiError.NotFound("The resource"));
        return endpoints;
    }
}
