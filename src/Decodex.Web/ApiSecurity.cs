using System.ComponentModel.DataAnnotations;
using Decodex.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;

namespace Decodex.Web;

/// <summary>
/// The API's front door: cookie requests that change data must carry <see cref="CsrfHeader"/>, and
/// registration and sign-in answer the same whether or not an email has an account.
/// </summary>
internal static class ApiSecurity
{
    /// <summary>
    /// A header a browser sends cross-origin only after a CORS preflight, which this app never grants: its
    /// presence proves the request came from a page of this app or from a program, not a foreign site.
    /// </summary>
    public const string CsrfHeader = "X-Decodex-Csrf";

    private const string CookiePrefix = ".AspNetCore.Identity.Application";

    /// <summary>
    /// True for a state-changing API request that a foreign page could make a browser send with the
    /// sign-in cookie: any method but GET, HEAD, OPTIONS and TRACE under /api, with the cookie, without a bearer token and
    /// without <see cref="CsrfHeader"/>.
    /// </summary>
    public static bool IsForgeable(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            && !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
            && !request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && request.Cookies.Keys.Any(k => k.StartsWith(CookiePrefix, StringComparison.Ordinal))
            && string.IsNullOrWhiteSpace(request.Headers[CsrfHeader]);
    }

    /// <summary>Registration and sign-in on /api/auth, replacing what would tell whether an account exists.</summary>
    public static async ValueTask<object?> AuthFilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var services = context.HttpContext.RequestServices;
        if (context.Arguments.OfType<RegisterRequest>().FirstOrDefault() is { } register)
        {
            return await RegisterAsync(register, context.HttpContext.Request.Query["invite"], services.GetRequiredService<Registration>(), services.GetRequiredService<UserManager<DecodexUser>>()).ConfigureAwait(false);
        }

        if (context.Arguments.OfType<LoginRequest>().FirstOrDefault() is { } login)
        {
            var users = services.GetRequiredService<UserManager<DecodexUser>>();
            if (await users.FindByNameAsync(login.Email).ConfigureAwait(false) is null)
            {
                await services.GetRequiredService<Registration>().SpendPasswordWorkAsync(login.Password).ConfigureAwait(false);
                return SignInFailed();
            }

            var result = await next(context).ConfigureAwait(false);
            // A locked or otherwise refused account answers as a wrong password does; only the right password learns of two-factor sign-in.
            var inner = result is INestedHttpResult nested ? nested.Result : result;
            return inner is ProblemHttpResult { StatusCode: StatusCodes.Status401Unauthorized } problem && problem.ProblemDetails.Detail != nameof(SignInResult.RequiresTwoFactor)
                ? SignInFailed()
                : result;
        }

        return await next(context).ConfigureAwait(false);
    }

    private static ProblemHttpResult SignInFailed() => TypedResults.Problem("Failed", statusCode: StatusCodes.Status401Unauthorized);

    private static async Task<IResult> RegisterAsync(RegisterRequest request, string? invite, Registration registration, UserManager<DecodexUser> users)
    {
        var email = request.Email?.Trim() ?? string.Empty;
        if (!await registration.AnyAccountAsync().ConfigureAwait(false))
        {
            if (!new EmailAddressAttribute().IsValid(email))
            {
                return Invalid(IdentityResult.Failed(users.ErrorDescriber.InvalidEmail(email)));
            }

            if (await registration.CreateOwnerAsync(new DecodexUser { UserName = email, Email = email }, request.Password).ConfigureAwait(false) is { } created)
            {
                return created.Succeeded ? TypedResults.Ok() : Invalid(created);
            }
        }

        if (!registration.Open && !await registration.InviteValidAsync(invite).ConfigureAwait(false))
        {
            return Closed();
        }

        if (!new EmailAddressAttribute().IsValid(email))
        {
            return Invalid(IdentityResult.Failed(users.ErrorDescriber.InvalidEmail(email)));
        }

        var password = await registration.ValidatePasswordAsync(request.Password).ConfigureAwait(false);
        if (!password.Succeeded)
        {
            return Invalid(password);
        }

        if (!registration.Open && !await registration.ConsumeInviteAsync(invite).ConfigureAwait(false))
        {
            return Closed();
        }

        // An email that has an account answers as a new one does, after as much work.
        if (await users.FindByEmailAsync(email).ConfigureAwait(false) is not null)
        {
            await registration.SpendPasswordWorkAsync(request.Password).ConfigureAwait(false);
            return TypedResults.Ok();
        }

        var result = await users.CreateAsync(new DecodexUser { UserName = email, Email = email }, request.Password).ConfigureAwait(false);
        return result.Succeeded || result.Errors.All(e => e.Code is "DuplicateUserName" or "DuplicateEmail") ? TypedResults.Ok() : Invalid(result);
    }

    private static ProblemHttpResult Closed() =>
        TypedResults.Problem("Registration is closed: ask the owner for an invite (POST /api/auth/register?invite=CODE).", statusCode: StatusCodes.Status403Forbidden);

    /// <summary>The same shape Identity's own endpoint answers with: error code → descriptions.</summary>
    private static ValidationProblem Invalid(IdentityResult result) =>
        TypedResults.ValidationProblem(result.Errors.GroupBy(e => e.Code).ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
}
