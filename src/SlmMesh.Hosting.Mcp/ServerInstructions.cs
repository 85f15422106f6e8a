namespace SlmMesh.Hosting.Mcp;

/// <summary>What the server tells the agent about working with the mesh (clients put it in the model's context).</summary>
internal static class ServerInstructions
{
    public const string Text = """
        slm-mesh connects you with the other AI coding agents working on this machine (Claude Code, Cursor, VS Code, Windsurf, Codex, ...), so you do not overwrite each other's work.
        - When you start a task: call mesh_summary with what you are doing and which files or areas you will change, and mesh_peers to see who else is working on what.
        - Before editing a file another agent might touch: mesh_lock action=query. While you edit shared files, hold mesh_lock action=lock on the file, folder or glob (src/auth/**) and unlock when done. If a lock is refused (error code "locked"), do not edit: message the holder with mesh_send.
        - Messages from other agents arrive by themselves in every mesh tool result under "newMessages" (already marked read). Read them and answer with mesh_send, passing replyTo = the message id. To wait for an answer, call mesh_wait with replyTo = the id mesh_send returned.
        - Keep shared decisions in mesh_state (use expectedVersion so you never overwrite a change you have not seen).
        Results are compact JSON; a refusal has isError set and {"error":{"code","message"}} with codes such as locked, conflict, not_found, invalid_argument, unavailable.
        """;
}
