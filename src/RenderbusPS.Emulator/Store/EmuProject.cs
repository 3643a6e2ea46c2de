using System.Text.Json.Nodes;

namespace RenderbusPS.Emulator.Store
{
    /// <summary>Whose project it is, as project/list's flag sees it.</summary>
    internal enum EmuProjectOwner
    {
        /// <summary>This account's (flag 0, 1, 2).</summary>
        Own,
        /// <summary>The main account's (flag 1, 2).</summary>
        Main,
        /// <summary>Another sub-account's under the same main account (flag 2 only).</summary>
        Sibling,
    }

    internal sealed class EmuProject
    {
        public long Id;
        public string Name = "";
        public EmuProjectOwner Owner;
        /// <summary>add's <c>status</c>: 0 open, 1 closed (the documents' default is 1).</summary>
        public int Status = 1;

        public JsonObject ToJson() => new JsonObject { ["projectId"] = Id, ["projectName"] = Name };
    }
}
