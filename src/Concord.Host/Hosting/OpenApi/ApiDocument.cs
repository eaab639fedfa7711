using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Concord.Host.Hosting.OpenApi;

/// <summary>
/// What the document says beyond the endpoints' own metadata: the node, the problem-details schema, the import body
/// (read as a stream, so the endpoint cannot declare its shape), the health endpoints (mapped as health checks, which
/// the endpoint explorer does not see) and where TAXII 2.1 is described.
/// </summary>
internal static class ApiDocument
{
    public const string TaxiiSpecification = "https://docs.oasis-open.org/cti/taxii/v2.1/os/taxii-v2.1-os.html";

    public static Task DescribeAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Concord node API",
            Version = "v1",
            Description = "Threat-intelligence sharing for cybersecurity alliances. Errors are RFC 9457 problem details "
                + "with `rule` and `field` extensions. Authenticate with an API key: `Authorization: Bearer <key>`.\n\n"
                + "**TAXII 2.1.** The node also serves TAXII 2.1 under `/taxii2/`: discovery (`/taxii2/`), the API root "
                + "(`/taxii2/concord/`), collections, objects, manifest, versions and status, exactly as the "
                + $"[OASIS TAXII 2.1 specification]({TaxiiSpecification}) describes them, so they are not repeated here. "
                + "TAXII clients authenticate with the same API key (`Authorization: Bearer` or `Token`, or HTTP Basic).",
        };
        document.ExternalDocs = new OpenApiExternalDocs { Description = "TAXII 2.1 (OASIS specification)", Url = new Uri(TaxiiSpecification) };
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ApiErrors.ProblemSchema] = ApiErrors.Schema();
        DescribeImportBody(document);
        AddHealth(document, "/health/live", "HealthLive", "Whether the process answers (no checks).", unhealthy: null);
        AddHealth(document, "/health/ready", "HealthReady", "Whether the node is ready: the database is reachable and every module's schema is migrated.",
            unhealthy: "Not ready: the database is unreachable or a migration is not applied; the body says which check failed.");
        return Task.CompletedTask;
    }

    private static void DescribeImportBody(OpenApiDocument document)
    {
        if (document.Paths?.TryGetValue("/api/v1/objects/import", out var path) != true
            || path!.Operations?.TryGetValue(HttpMethod.Post, out var import) != true)
        {
            return;
        }

        var bundle = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "A STIX 2.1 bundle. Objects are read one at a time as the body streams in, so a bundle may be far "
                + "larger than memory; each is validated against STIX 2.1 (objects, patterns and their values) before anything is stored.",
            Required = new HashSet<string> { "type", "objects" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [System.Text.Json.Nodes.JsonValue.Create("bundle")] },
                ["id"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "bundle--UUID", Pattern = "^bundle--[0-9a-f-]{36}$" },
                ["objects"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Description = "STIX 2.1 objects (SDOs, SROs, SCOs, marking definitions); custom properties are kept.",
                    Items = new OpenApiSchema { Type = JsonSchemaType.Object },
                },
            },
        };
        var media = new OpenApiMediaType { Schema = bundle };
        import!.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The bundle to import (a TAXII envelope, `{\"objects\": [...]}`, is read the same way).",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = media,
                ["application/stix+json"] = media,
                ["application/taxii+json"] = media,
            },
        };
    }

    private static void AddHealth(OpenApiDocument document, string route, string id, string summary, string? unhealthy)
    {
        var status = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "`healthy`, `degraded` or `unhealthy`." },
                ["durationMs"] = new OpenApiSchema { Type = JsonSchemaType.Number, Description = "How long the checks took, in milliseconds." },
                ["checks"] = new OpenApiSchema { Type = JsonSchemaType.Array, Description = "Each check: name, status, description, durationMs." },
            },
        };
        var responses = new OpenApiResponses
        {
            ["200"] = new OpenApiResponse { Description = "Healthy.", Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = status } } },
        };
        if (unhealthy is not null)
        {
            responses["503"] = new OpenApiResponse { Description = unhealthy, Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = status } } };
        }

        responses["500"] = new OpenApiResponse
        {
            Description = ApiErrors.Unexpected,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ApiErrors.ProblemSchema, document) } },
        };

        document.Paths ??= [];
        document.Paths[route] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = id,
                    Summary = summary,
                    Tags = new HashSet<OpenApiTagReference> { new("Health", document) },
                    Responses = responses,
                },
            },
        };
    }
}
