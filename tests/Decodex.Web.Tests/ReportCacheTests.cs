using System.Net;
using System.Net.Http.Headers;
using Decodex.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Decodex.Web.Tests;

/// <summary>What the report cache decrypted with a user's key leaves memory with the key.</summary>
public sealed class ReportCacheTests : IClassFixture<DecodexWebFactory>
{
    private readonly DecodexWebFactory _factory;

    public ReportCacheTests(DecodexWebFactory factory) => _factory = factory;

    [Fact]
    public void RemovingAKey_EvictsThatOwnersEntries_AndNoOneElses()
    {
        var ring = new UserKeyRing();
        var owners = new ReportCacheOwners(ring);
        using var cache = new MemoryCache(new MemoryCacheOptions());
        cache.Set("a-inputs", 1, new MemoryCacheEntryOptions().AddExpirationToken(owners.Token("a")));
        cache.Set("a-genome", 2, new MemoryCacheEntryOptions().AddExpirationToken(owners.Token("a")));
        cache.Set("b-inputs", 3, new MemoryCacheEntryOptions().AddExpirationToken(owners.Token("b")));

        ring.Remove("a");

        Assert.False(cache.TryGetValue("a-inputs", out _));
        Assert.False(cache.TryGetValue("a-genome", out _));
        Assert.True(cache.TryGetValue("b-inputs", out _));

        // Entries made after a new sign-in live until the next removal.
        cache.Set("a-again", 4, new MemoryCacheEntryOptions().AddExpirationToken(owners.Token("a")));
        Assert.True(cache.TryGetValue("a-again", out _));
    }

    [Fact]
    public async Task DeletingTheAccountThroughTheApi_DropsItsDataKeyFromMemory()
    {
        const string email = "cache-delete@example.org";
        await WebSession.RegisterAsync(_factory, email);
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await WebSession.TokenAsync(_factory, email));
        string id;
        using (var scope = _factory.Services.CreateScope())
        {
            id = (await scope.ServiceProvider.GetRequiredService<UserManager<DecodexUser>>().FindByEmailAsync(email))!.Id;
        }

        var ring = _factory.Services.GetRequiredService<UserKeyRing>();
        Assert.True(ring.IsUnlocked(id));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/account", TestContext.Current.CancellationToken)).StatusCode);

        Assert.False(ring.IsUnlocked(id));
    }

    [Fact]
    public async Task AReport_IsBuiltOncePerInputs_AndAfreshAfterAProfileChange()
    {
        const string email = "cache-report@example.org";
        await WebSession.RegisterAsync(_factory, email);
        await WebSession.TokenAsync(_factory, email); // signing in unlocks the data key
        using var scope = _factory.Services.CreateScope();
        var id = (await scope.ServiceProvider.GetRequiredService<UserManager<DecodexUser>>().FindByEmailAsync(email))!.Id;
        var store = scope.ServiceProvider.GetRequiredService<DecodexStore>();
        var reports = scope.ServiceProvider.GetRequiredService<ReportService>();
        var cancel = TestContext.Current.CancellationToken;
        await store.SaveProfileAsync(id, p => p.Medications = "lithium", cancel);

        var first = (await reports.BuildAsync(id, ["cerebrolysin"], cancel)).Report;
        var again = (await reports.BuildAsync(id, ["cerebrolysin"], cancel)).Report;
        var other = (await reports.BuildAsync(id, ["lithium"], cancel)).Report;

        Assert.NotNull(first);
        Assert.Same(first, again);
        Assert.NotSame(first, other);
        Assert.Equal("lithium", Assert.Single(other!.Compounds).CompoundId);

        await store.SaveProfileAsync(id, p => p.Medications = "lithium\nibuprofen", cancel);
        var changed = (await reports.BuildAsync(id, ["cerebrolysin"], cancel)).Report;

        Assert.NotSame(first, changed);
        Assert.Contains("ibuprofen", string.Join("\n", changed!.Person), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ibuprofen", string.Join("\n", first!.Person), StringComparison.OrdinalIgnoreCase);
    }
}
