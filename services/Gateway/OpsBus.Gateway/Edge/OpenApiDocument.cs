using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using OpsBus.Gateway.Authentication;

namespace OpsBus.Gateway.Edge;

/// <summary>Names the API and tells readers (and the browsable UI) that every call takes a bearer API key.</summary>
internal sealed class OpenApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "OpsBus API";
        document.Info.Description = "Submit and follow runs. Every /api call takes `Authorization: Bearer <api key>`.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyDefaults.Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An OpsBus API key: opsbus_<prefix>_<secret>.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(ApiKeyDefaults.Scheme, document)] = [],
        });
        return Task.CompletedTask;
    }
}
