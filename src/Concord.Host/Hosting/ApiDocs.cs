using Concord.Host.Hosting.OpenApi;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Concord.Host.Hosting;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) and the browsable API reference (<c>/api/docs</c>). The page
/// is Scalar's bundled script served by this node; fonts, telemetry and the hosted AI and deploy features are off so nothing is fetched
/// from elsewhere at run time (the page's Content-Security-Policy enforces it).
/// </summary>
internal static class ApiDocs
{
    public const string PagePath = "/api/docs";
    public const string SchemeName = "ApiKey";

    public static void AddConcordOpenApi(this IServiceCollection services) => services.AddOpenApi("v1", options =>
    {
        options.AddDocumentTransformer(ApiDocument.DescribeAsync);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "Concord API key",
                Description = "An API key created for one organisation (shown once when created), sent as `Authorization: Bearer <key>`.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(ApiErrors.AddAsync);
        options.AddOperationTransformer(ApiParameters.DescribeAsync);

        // Only operations that demand authorization carry the requirement, so anonymous ones read as such.
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
            }

            return Task.CompletedTask;
        });
    });

    public static void MapConcordApiDocs(this WebApplication app)
    {
        // Open to anyone: the description of the API is the same on every node and holds no data.
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference(PagePath, options => options
            .WithTitle("Concord node API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .HideClientButton()
            .AddPreferredSecuritySchemes(SchemeName)).AllowAnonymous();
    }
}
