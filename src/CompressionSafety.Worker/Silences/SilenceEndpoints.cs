using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CompressionSafety.Worker.Silences;

/// <summary>The silence API (<see cref="SilenceApi"/>) as minimal APIs on the worker's HTTP server.</summary>
internal static class SilenceEndpoints
{
    /// <summary>
    /// Maps <c>GET</c>/<c>POST /api/v2/silences</c> and <c>DELETE /api/v2/silence/{id}</c>; every other method on those
    /// routes answers 405 with an error body naming the methods allowed (routing's own 405 has no body).
    /// </summary>
    public static IEndpointRouteBuilder MapSilenceApi(this IEndpointRouteBuilder endpoints, SilenceApi api)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(api);
        endpoints.MapGet(SilenceApi.ListPath, () => Json(api.Get()));
        endpoints.MapPost(SilenceApi.ListPath, async (HttpRequest request, CancellationToken cancellationToken) =>
            Json(await api.PostAsync(request.Body, request.Headers.Authorization, cancellationToken).ConfigureAwait(false)));
        endpoints.MapDelete(SilenceApi.ItemPath, (string id, HttpRequest request) => Json(api.Delete(id, request.Headers.Authorization)));
        // Endpoints with HTTP method metadata win over these method-less ones (routing's HttpMethodMatcherPolicy).
        endpoints.Map(SilenceApi.ListPath, (HttpRequest request) => Json(SilenceApi.NotAllowed(request.Method, list: true)));
        endpoints.Map(SilenceApi.ItemPath, (HttpRequest request) => Json(SilenceApi.NotAllowed(request.Method, list: false)));
        return endpoints;
    }

    private static JsonAnswer Json((int Status, byte[] Body) answer) => new JsonAnswer(answer.Status, answer.Body);

    /// <summary>The API's status code and JSON body as they are (<c>Results.Bytes</c> has no status code).</summary>
    private sealed class JsonAnswer(int status, byte[] body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = "application/json";
            httpContext.Response.ContentLength = body.Length;
            return httpContext.Response.Body.WriteAsync(body).AsTask();
        }
    }
}
