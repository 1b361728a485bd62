using System.Diagnostics;
using System.Text;

namespace PakAzBot.Core.Moderation;

/// <summary>A change to make in the knowledge source: write <see cref="Bytes"/> as <see cref="File"/>, or delete it (Bytes null).</summary>
public sealed record DocumentChange(DocumentAction Action, string? Id, string File, byte[]? Bytes);

/// <summary>What applying a change did: where it went (a commit, the folder), or why it failed.</summary>
public sealed record SinkResult(bool Succeeded, string Message, string? Commit = null);

/// <summary>Where moderators' documents go: the knowledge folder itself, or the Git repository that git-sync follows.</summary>
public interface IKnowledgeSink
{
    /// <summary>"folder" or "git": whether the change is live once written or once a replica pulls it.</summary>
    string Kind { get; }

    Task<SinkResult> ApplyAsync(DocumentChange change, Moderator moderator, CancellationToken cancellationToken);
}

/// <summary>
/// Writes into the knowledge folder atomically: a hidden temporary file beside the target (the loader skips hidden
/// files), then a rename over it, so the watcher never reads half a document.
/// </summary>
public sealed class FolderKnowledgeSink(string knowledgeRoot) : IKnowledgeSink
{
    public string Kind => "folder";

    public Task<SinkResult> ApplyAsync(DocumentChange change, Moderator moderator, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(knowledgeRoot);
        Write(root, change);
        return Task.FromResult(new SinkResult(true, $"{(change.Bytes is null ? "removed" : "written")} {change.File} in the knowledge folder"));
    }

    /// <summary>Writes (temporary file, rename) or deletes <paramref name="change"/>'s file under <paramref name="root"/>.</summary>
    internal static void Write(string root, DocumentChange change)
    {
        var target = Path.GetFullPath(Path.Combine(root, change.File));
        if (!target.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{change.File} is not inside the knowledge folder");
        }

        if (change.Bytes is null)
        {
            File.Delete(target);
            return;
        }

        var temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(change.Bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}

/// <summary>Settings under "Knowledge:Git": the repository that git-sync follows, for Knowledge:Source=git.</summary>
public sealed class KnowledgeGitOptions
{
    /// <summary>The repository's address (https://…, ssh://…, git@…, or a local path).</summary>
    public string? Repository { get; set; }

    /// <summary>The branch git-sync follows.</summary>
    public string Branch { get; set; } = "main";

    /// <summary>The folder inside the repository that holds the documents ("" for its root).</summary>
    public string Folder { get; set; } = "";

    /// <summary>The user name for an https token (GitHub accepts any, such as x-access-token).</summary>
    public string Username { get; set; } = "x-access-token";

    /// <summary>An https access token; give it from a secret (the environment variable Knowledge__Git__Token), never in a file.</summary>
    public string? Token { get; set; }

    /// <summary>A private SSH key file (a mounted secret), for ssh:// and git@ addresses.</summary>
    public string? SshKeyFile { get; set; }

    /// <summary>Where the bot keeps its own clone; default a folder under the temporary folder.</summary>
    public string? WorkPath { get; set; }

    /// <summary>The committer's e-mail address (the author is the moderator, by name).</summary>
    public string CommitterEmail { get; set; } = "pakazbot@localhost";
}

/// <summary>
/// Commits a moderator's change to the knowledge repository with the git command line, and pushes it. Each change
/// starts from the branch's head as the remote has it; a push refused because the branch moved meanwhile is made
/// again once on the new head, then reported. Credentials go to git through the environment (GIT_CONFIG_* and
/// GIT_SSH_COMMAND), never on its command line, where other users could read them.
/// </summary>
public sealed class GitKnowledgeSink(KnowledgeGitOptions options) : IKnowledgeSink
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string Kind => "git";

    /// <summary>Runs just before each push; tests move the branch here to make the push be refused.</summary>
    internal Func<Task>? BeforePush { get; set; }

    private string WorkPath => options.WorkPath ?? Path.Combine(Path.GetTempPath(),
        "pakazbot-knowledge-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(options.Repository ?? "")))[..12]);

    public async Task<SinkResult> ApplyAsync(DocumentChange change, Moderator moderator, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await EnsureCloneAsync(cancellationToken);
            string? refusal = null;
            for (var attempt = 1; attempt <= 2; attempt++)
            {
                await GitAsync(cancellationToken, "fetch", "--quiet", "origin", options.Branch);
                await GitAsync(cancellationToken, "checkout", "--quiet", "-B", options.Branch, "FETCH_HEAD");
                await GitAsync(cancellationToken, "reset", "--quiet", "--hard", "FETCH_HEAD");
                FolderKnowledgeSink.Write(Path.Combine(WorkPath, options.Folder), change);
                var path = string.IsNullOrEmpty(options.Folder) ? change.File : options.Folder.TrimEnd('/') + "/" + change.File;
                await GitAsync(cancellationToken, "add", "--all", "--", path);
                if ((await GitAsync(cancellationToken, allowFailure: true, "diff", "--cached", "--quiet")).Code == 0)
                {
                    return new SinkResult(false, $"the branch {options.Branch} already has {change.File} as it would be; nothing was committed");
                }

                var verb = change.Action switch { DocumentAction.Remove => "Remove", DocumentAction.Replace => "Replace", _ => "Add" };
                var message = $"{verb} {change.Id ?? change.File} ({change.File})\n\nBy moderator {moderator.Name} ({moderator.Surface} id {moderator.Id}), reviewed and confirmed in PakAzBot.";
                await GitAsync(cancellationToken, "-c", $"user.name={Clean(moderator.Name)}", "-c", $"user.email={options.CommitterEmail}",
                    "commit", "--quiet", "-m", message);
                var commit = (await GitAsync(cancellationToken, "rev-parse", "HEAD")).Output.Trim();
                if (BeforePush is { } hook)
                {
                    await hook();
                }

                var push = await GitAsync(cancellationToken, allowFailure: true, "push", "--porcelain", "origin", $"HEAD:refs/heads/{options.Branch}");
                if (push.Code == 0)
                {
                    return new SinkResult(true, $"committed {commit[..12]} to {options.Branch} and pushed it", commit);
                }

                refusal = (push.Error + push.Output).Trim();
                if (!Moved(refusal))
                {
                    return new SinkResult(false, $"the push to {options.Branch} was refused: {Last(refusal)}");
                }
            }

            return new SinkResult(false, $"the push to {options.Branch} was refused twice because the branch moved meanwhile; nothing was pushed, try again ({Last(refusal!)})");
        }
        catch (GitException e)
        {
            return new SinkResult(false, e.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static bool Moved(string text) =>
        text.Contains("non-fast-forward", StringComparison.OrdinalIgnoreCase) || text.Contains("fetch first", StringComparison.OrdinalIgnoreCase)
        || text.Contains("[rejected]", StringComparison.Ordinal) || text.Contains("stale info", StringComparison.OrdinalIgnoreCase);

    private static string Last(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() ?? text;

    private static string Clean(string name) => new string(name.Where(c => !char.IsControl(c) && c is not ('<' or '>')).Take(80).ToArray()) is { Length: > 0 } n ? n : "moderator";

    private async Task EnsureCloneAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Repository))
        {
            throw new GitException("Knowledge:Git:Repository is not set: give the address of the repository that git-sync follows");
        }

        if (Directory.Exists(Path.Combine(WorkPath, ".git")))
        {
            return;
        }

        Directory.CreateDirectory(WorkPath);
        await GitAsync(cancellationToken, "init", "--quiet");
        await GitAsync(cancellationToken, "remote", "add", "origin", options.Repository);
    }

    private sealed record Run(int Code, string Output, string Error);

    private Task<Run> GitAsync(CancellationToken cancellationToken, params string[] args) => GitAsync(cancellationToken, allowFailure: false, args);

    private async Task<Run> GitAsync(CancellationToken cancellationToken, bool allowFailure, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = WorkPath, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["LC_ALL"] = "C";
        var config = new List<(string, string)>();
        if (!string.IsNullOrEmpty(options.Token))
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Token}"));
            config.Add(("http.extraHeader", $"Authorization: Basic {basic}"));
        }

        for (var i = 0; i < config.Count; i++)
        {
            start.Environment[$"GIT_CONFIG_KEY_{i}"] = config[i].Item1;
            start.Environment[$"GIT_CONFIG_VALUE_{i}"] = config[i].Item2;
        }

        start.Environment["GIT_CONFIG_COUNT"] = config.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(options.SshKeyFile))
        {
            start.Environment["GIT_SSH_COMMAND"] = $"ssh -i '{options.SshKeyFile.Replace("'", "", StringComparison.Ordinal)}' -o IdentitiesOnly=yes -o BatchMode=yes";
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new GitException("git could not be started");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new GitException($"git is not installed or not on PATH ({e.Message}); Knowledge:Source=git needs the git command line");
        }

        using (process)
        {
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(2));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new GitException($"git {args[0]} took longer than 2 minutes and was stopped");
            }

            var run = new Run(process.ExitCode, await output, await error);
            if (run.Code != 0 && !allowFailure)
            {
                throw new GitException($"git {args[0]} failed: {Last(run.Error.Length > 0 ? run.Error : run.Output)}");
            }

            return run;
        }
    }

    private sealed class GitException(string message) : Exception(message);
}
