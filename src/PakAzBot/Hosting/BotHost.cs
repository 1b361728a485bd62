using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using PakAzBot.Core.Rendering;
using Microsoft.AspNetCore.Mvc;
using PakAzBot.Discord;
using PakAzBot.Discord.Gateway;
using PakAzBot.Teams;
using PakAzBot.Core.Serving;
using PakAzBot.Search;
using PakAzBot.Search.Semantic;
using PakAzBot.Web;

namespace PakAzBot.Hosting;

/// <summary>
/// <c>pakazbot serve</c>: one ASP.NET Core process that serves every surface from the live index. It only composes:
/// the surfaces live in their own projects behind AddX()/MapX().
/// </summary>
public static partial class BotHost
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = Environment.CurrentDirectory });
        // The defaults already read the current folder's appsettings.json, the environment and the command line; the
        // copy beside the binary comes after them, so they are added again to keep their precedence over it.
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        builder.Configuration.AddJsonFile(Path.Combine(Environment.CurrentDirectory, "appsettings.json"), optional: true);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // Operators' endpoints (/metrics, the admin API) on a listener of their own when Management:Urls says where.
        IReadOnlySet<int>? managementPorts = null;
        var managementUrls = builder.Configuration[$"{ManagementOptions.Section}:{nameof(ManagementOptions.Urls)}"];
        if (!string.IsNullOrWhiteSpace(managementUrls))
        {
            var mainUrls = builder.Configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } configured ? configured : DefaultUrl;
            var (ports, problem) = ManagementListener.Ports(managementUrls, "Management:Urls");
            var main = ManagementListener.Ports(mainUrls, "urls").Ports;
            if (problem is null && ports.Intersect(main).FirstOrDefault() is var shared and > 0)
            {
                problem = $"Management:Urls uses port {shared}, which the main listener (urls) uses too; give the management listener a port of its own";
            }

            if (problem is not null)
            {
                throw new OptionsValidationException("settings", typeof(ManagementOptions), [problem]);
            }

            builder.WebHost.UseUrls($"{mainUrls};{managementUrls}");
            managementPorts = ports;
        }

        // The Server header tells a scanner which server to aim at and tells a user nothing.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        // A misspelt setting stops the start, as a bad value does, rather than being ignored.
        var unknown = KnownSettings.Problems(builder.Configuration);
        if (unknown.Count > 0)
        {
            throw new OptionsValidationException("settings", typeof(KnownSettings), unknown);
        }

        var services = builder.Services;
        // How long a shutdown may take, everything included: 30 s (the deployments allow 35) unless the host's
        // shutdownTimeoutSeconds setting says otherwise.
        services.AddOptions<HostOptions>()
            .Configure(o => o.ShutdownTimeout = TimeSpan.FromSeconds(ShutdownSeconds(builder.Configuration)))
            .Validate(o => o.ShutdownTimeout > TimeSpan.Zero, $"{WebHostDefaults.ShutdownTimeoutKey} must be a whole number of seconds from 1 to 3600")
            .ValidateOnStart();
        services.AddTrustedProxies();
        services.AddOptions<KnowledgeOptions>()
            .BindConfiguration(KnowledgeOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => Directory.Exists(o.Path), "Knowledge:Path does not name an existing folder; set it to the folder of source documents")
            .Validate(o => o.Source != "git" || !string.IsNullOrWhiteSpace(o.Git.Repository),
                "Knowledge:Source is git but Knowledge:Git:Repository is not set: give the address of the repository that git-sync follows")
            .ValidateOnStart();
        services.AddMetrics();
        services.AddSingleton<BotMetrics>();
        services.AddOptions<SearchOptions>()
            .BindConfiguration(SearchOptions.Section)
            .Validate(o => !o.Semantic || !string.IsNullOrWhiteSpace(o.VectorCache), "Search:VectorCache is empty; give the vector cache file's path, or leave it unset for ./index.vectors")
            .ValidateOnStart();

        // The model is one per process and loads on first use; tests put a counting or slowed encoder in its place.
        services.AddSingleton<ITextEncoder>(_ => ArcticXsEncoder.Shared);
        services.AddSingleton(sp => new LiveIndex(
            Path.GetFullPath(sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.Path),
            sp.GetRequiredService<BotMetrics>(),
            sp.GetRequiredService<ILogger<LiveIndex>>(),
            SemanticSettings.From(sp.GetRequiredService<IOptions<SearchOptions>>().Value, sp.GetRequiredService<ITextEncoder>())));
        services.AddSingleton<ILiveIndex>(sp => sp.GetRequiredService<LiveIndex>());
        services.AddSingleton<IReindexer>(sp => sp.GetRequiredService<LiveIndex>());
        services.AddSingleton(sp => new AnswerService(
            sp.GetRequiredService<ILiveIndex>(),
            sp.GetRequiredService<BotMetrics>(),
            sp.GetRequiredService<ILogger<AnswerService>>(),
            builder.Configuration.GetValue<bool>("Logging:IncludeQuestions")));
        services.AddHostedService<IndexWarmup>();
        services.AddHostedService<KnowledgeWatcher>();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("pakazbot"))
            .WithMetrics(metrics => metrics
            .AddMeter(BotMetrics.MeterName)
            .AddPrometheusExporter());
        services.AddFeedbackStore();
        services.AddModeration();
        services.AddWebChat();
        var discord = !string.IsNullOrEmpty(builder.Configuration[$"{DiscordOptions.Section}:{nameof(DiscordOptions.PublicKey)}"]);
        if (discord)
        {
            services.AddDiscord();
        }

        var gateway = DiscordExtensions.GatewayWanted(builder.Configuration);
        if (gateway)
        {
            services.AddDiscordGatewayShards(builder.Configuration);
        }

        // Without Teams:AppId the Bot Framework endpoint refuses every activity, unless Teams:AllowAnonymous lets
        // unproxied loopback callers (the Emulator, scripts) in.
        services.AddTeams();

        configure?.Invoke(builder);

        var app = builder.Build();
        // First, so everything after it (the rate limits, the Teams loopback check, the logs) sees the real client.
        app.UseForwardedHeaders();
        app.Use(NoSniff);
        app.UseExceptionHandler(failure => failure.Run(context =>
            WebChatExtensions.ApiError(StatusCodes.Status500InternalServerError, "Something went wrong on our side; the error has been logged.").ExecuteAsync(context)));
        app.Use(BadFramingIsTheClients);
        if (managementPorts is not null)
        {
            app.Use((context, next) => ManagementListener.Route(context, next, managementPorts));
        }

        app.UseRateLimiter();
        app.MapGet("/healthz", Health);
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapWebChat();
        if (discord)
        {
            app.MapDiscord();
        }

        app.MapTeams();

        app.Lifetime.ApplicationStarted.Register(() => LogSurfaces(app, discord, gateway));
        return app;
    }

    /// <summary>The shutdownTimeoutSeconds setting, 30 when unset, 0 (refused at start) when not 1 to 3600.</summary>
    private static int ShutdownSeconds(IConfiguration configuration)
    {
        var text = configuration[WebHostDefaults.ShutdownTimeoutKey];
        if (string.IsNullOrEmpty(text))
        {
            return 30;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 3600 ? seconds : 0;
    }

    /// <summary>
    /// Every response says its Content-Type is meant, so no browser sniffs a JSON reply (which can echo what a client
    /// sent) into HTML. Set as the response starts, since the exception handler clears the headers of a failed one.
    /// </summary>
    private static Task NoSniff(HttpContext context, RequestDelegate next)
    {
        context.Response.OnStarting(static state =>
        {
            ((HttpResponse)state).Headers.XContentTypeOptions = "nosniff";
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    }

    /// <summary>
    /// A body Kestrel cannot read (a chunk size of "zz", a chunk longer than a long, a body cut short, one over the
    /// server's size limit) throws on the endpoint's first read, wherever that is: before the Discord signature check,
    /// too. Mostly as <see cref="BadHttpRequestException"/>, with its own 4xx; a chunk size that overflows as an
    /// <see cref="IOException"/> around an <see cref="OverflowException"/>, which is a 400 just the same. It is the
    /// client's fault, so it gets that 4xx with a JSON reason, is not logged as a server error, and ends the connection,
    /// since the rest of the body cannot be found.
    /// </summary>
    private static async Task BadFramingIsTheClients(HttpContext context, RequestDelegate next)
    {
        int status;
        string reason;
        try
        {
            await next(context);
            return;
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            (status, reason) = (e.StatusCode is >= 400 and < 500 ? e.StatusCode : StatusCodes.Status400BadRequest, e.Message);
        }
        catch (IOException e) when (e.InnerException is OverflowException && !context.Response.HasStarted)
        {
            (status, reason) = (StatusCodes.Status400BadRequest, e.Message);
        }

        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("PakAzBot");
        LogBadRequest(logger, status, context.Request.Method, context.Request.Path, reason);
        context.Response.Clear();
        context.Response.Headers.Connection = "close";
        await WebChatExtensions.ApiError(status, $"The request could not be read: {reason.TrimEnd('.')}. Send a well-formed HTTP request.").ExecuteAsync(context);
    }

    /// <summary>
    /// 200 with the live generation once the index serves; 503 (with any build errors) before. "semantic" says whether
    /// the live generation has its vectors ("ready"), is being served by BM25 while they are computed ("building"),
    /// could not get them ("failed"), or semantic search is turned off ("off"); the bot answers in every case.
    /// </summary>
    internal static IResult Health(LiveIndex live, [FromServices] GatewayStatus? gateway = null)
    {
        var current = live.Current;
        if (current is null)
        {
            var json = new JsonObject
            {
                ["status"] = live.LastErrors.Count > 0 ? "failed" : "starting",
                ["semantic"] = live.SemanticState,
                ["errors"] = new JsonArray(live.LastErrors.Select(e => (JsonNode)JsonValue.Create(e.ToString())!).ToArray()),
            };
            return Results.Content(json.ToJsonString(JsonContract.Compact), "application/json", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var healthy = new JsonObject
        {
            ["status"] = "ok",
            ["generation"] = current.Number,
            ["contentHash"] = current.ContentHash,
            ["documents"] = current.Documents,
            ["paragraphs"] = current.Paragraphs,
            ["buildMs"] = Math.Round(current.BuildTime.TotalMilliseconds, 1),
            ["liveSince"] = current.LiveSince.ToString("O"),
            ["lastReindexErrors"] = live.LastErrors.Count,
            ["semantic"] = live.SemanticState,
        };
        if (gateway is not null)
        {
            healthy["discordGateway"] = gateway.ToJson();
        }

        return Results.Content(healthy.ToJsonString(JsonContract.Compact), "application/json");
    }

    private static void LogSurfaces(WebApplication app, bool discord, bool gateway)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PakAzBot");
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var admin = app.Services.GetRequiredService<IOptions<AdminOptions>>().Value;
        var knowledge = app.Services.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
        var teams = TeamsExtensions.Describe(app.Services.GetRequiredService<IOptions<TeamsOptions>>().Value);
        LogStarted(logger, string.Join(", ", addresses), Path.GetFullPath(knowledge.Path), knowledge.Watch ? "on" : "off",
            string.IsNullOrEmpty(admin.Token) ? "off (set Admin:Token to turn it on)" : "on",
            discord ? $"on at {DiscordExtensions.Route}" : "off (set Discord:PublicKey)",
            gateway ? "on" : "off (set Discord:BotToken)", teams);
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Refused a malformed request with {Status}: {Method} {Path}: {Reason}")]
    private static partial void LogBadRequest(ILogger logger, int status, string method, string path, string reason);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "PakAzBot listening on {Addresses}. Knowledge {Knowledge} (watch {Watch}). Surfaces: web chat and JSON API on; admin API {Admin}; Discord {Discord}; Discord Gateway {Gateway}; Teams {Teams}")]
    private static partial void LogStarted(ILogger logger, string addresses, string knowledge, string watch, string admin, string discord, string gateway, string teams);
}
