namespace RenderbusPS.Core.Models
{
    /// <summary>Task status (<c>taskStatus</c>). A code the service adds later stays readable as its number.</summary>
    public enum RbTaskStatus
    {
        Waiting = 0,
        Rendering = 5,
        Preprocessing = 8,
        Stopped = 10,
        UserStopped = 15,
        ArrearsStopped = 20,
        TimeoutStopped = 23,
        Finished = 25,
        FinishedWithFailedFrames = 30,
        Abandoned = 35,
        TestFinished = 40,
        Failed = 45,
        Analysing = 50,
        Submitting = 60,
        SubmitFailed = 65,
        FinishedWithStoppedFrames = 70,
        Updating = 100,
    }

    /// <summary>Frame status (<c>frameStatus</c>).</summary>
    public enum RbFrameStatus
    {
        Waiting = 1,
        Rendering = 2,
        Stopped = 3,
        Finished = 4,
        Failed = 5,
        WaitingForPreprocessing = 6,
        WaitingForPhotonFrame = 7,
        WaitingForPriorityRender = 8,
        WaitingForPhotonJob = 9,
        WaitingForSimulationJob = 10,
        TimedOut = 11,
        SecondaryFrameWaiting = 12,
    }

    /// <summary>Frame type (<c>frameType</c>).</summary>
    public enum RbFrameType
    {
        PreRender = 1,
        Photon = 2,
        MergedPhoton = 3,
        Priority = 4,
        Main = 5,
        PriorityComposite = 6,
        MainComposite = 7,
        HoudiniSimulation = 8,
        MaxChannel = 9,
    }

    /// <summary>Render system of an environment (<c>renderSystem</c>/<c>osName</c>).</summary>
    public enum RbOperatingSystem
    {
        Linux = 0,
        Windows = 1,
    }

    /// <summary>Well-known software ids (<c>cgId</c>) and their names: the one table of them.</summary>
    internal static class RbSoftwareIds
    {
        private static readonly System.Collections.Generic.KeyValuePair<int, string>[] table =
        {
            new System.Collections.Generic.KeyValuePair<int, string>(2000, "Maya"),
            new System.Collections.Generic.KeyValuePair<int, string>(2001, "3ds Max"),
            new System.Collections.Generic.KeyValuePair<int, string>(2004, "Houdini"),
            new System.Collections.Generic.KeyValuePair<int, string>(2005, "Cinema 4D"),
            new System.Collections.Generic.KeyValuePair<int, string>(2007, "Blender"),
            new System.Collections.Generic.KeyValuePair<int, string>(2008, "V-Ray Standalone"),
            new System.Collections.Generic.KeyValuePair<int, string>(2013, "Clarisse"),
            new System.Collections.Generic.KeyValuePair<int, string>(2015, "Nuke"),
            new System.Collections.Generic.KeyValuePair<int, string>(2016, "Katana"),
        };

        /// <summary>The names, in id order.</summary>
        public static System.Collections.Generic.IReadOnlyList<string> Names { get; } = System.Linq.Enumerable.ToArray(
            System.Linq.Enumerable.Select(table, kv => kv.Value));

        public static string? NameOf(int? cgId)
        {
            foreach (var kv in table)
            {
                if (kv.Key == cgId) return kv.Value;
            }
            return null;
        }
    }
}
