#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# Submit-RbScene on an API 2.0 session, as a user would run it: each software, several and piped paths, more than 100
# paths, -WhatIf, a bad network and a lost answer; the tasks as a REST session on the same emulator sees them.

BeforeAll {
    $modulePath = Join-Path $PSScriptRoot '../../out/RenderbusPS/RenderbusPS.psd1'
    if (-not (Test-Path $modulePath)) {
        throw "The staged module is missing at $modulePath; run ./build.ps1 -Task Build first."
    }
    Import-Module $modulePath -Force
    $script:emulator = Start-RbEmulator -Seed 41 -TaskCount 30 -Speed 0 -Confirm:$false
    $script:key = [System.Net.NetworkCredential]::new('', $script:emulator.AccessKey).Password
    $script:rest = Connect-Renderbus -Emulator $script:emulator -PassThru
    $script:api2 = Connect-Renderbus -Emulator $script:emulator -Protocol Api2 -PassThru
    $script:project = (Get-RbProject -Session $script:rest | Select-Object -First 1).Name

    # the scene paths of this emulator's tasks: one count per path, to prove nothing was made twice
    function Get-TaskCountByScene {
        $counts = @{}
        foreach ($t in Get-RbTask -Session $script:api2) { $counts[$t.SceneName] = 1 + [int]$counts[$t.SceneName] }
        $counts
    }
}

AfterAll {
    Disconnect-Renderbus -Session $script:rest -Confirm:$false
    Disconnect-Renderbus -Confirm:$false
    Stop-RbEmulator -Confirm:$false
    Remove-Module RenderbusPS -Force -ErrorAction SilentlyContinue
}

Describe 'Submit-RbScene' {
    BeforeEach {
        $script:emulator.Faults.Clear()
        $script:emulator.Faults.Rates.Clear()
        $script:emulator.ClearRequests()
    }

    It 'submits a <Software> scene with its own action and writes the task as the farm shows it' -ForEach @(
        @{ Software = 'Maya'; Action = 'create_task'; Frames = 10
            Given = @{ Software = 'maya 2015'; Frame = '1-10'; Camera = 'shotcam'; SubmitStopped = $true } }
        @{ Software = 'Max'; Action = 'create_max_task'; Frames = 1
            Given = @{ Max = $true; Software = '3ds Max 2014'; TimeoutStop = 7200 } }
        @{ Software = 'SketchUp'; Action = 'create_sketchup_task'; Frames = 24
            Given = @{ SketchUp = $true; Software = 'sketchup 2017'; Width = 800; Height = 600; Page = 'Scene 1'
                Animation = $true; TotalFrames = 24 } }
        @{ Software = 'VRayStandalone'; Action = 'create_vrstandalone_task'; Frames = 3
            Given = @{ VRayStandalone = $true; Software = 'V-Ray_standalone'; Frame = '1-3'; MachineCount = 2 } }
        @{ Software = 'Houdini'; Action = 'create_houdini_task'; Frames = 30
            Given = @{ Houdini = $true; Software = 'houdini 13'; Node = @(
                    @{ Node = '/obj/sim/cache1'; Frames = '1-20'; Simulate = $true },
                    [pscustomobject]@{ LayerName = '/out/mantra1'; Frames = '1-20[2]' }) } }
        @{ Software = 'Blender'; Action = 'create_blender_task'; Frames = 5
            Given = @{ Blender = $true; Software = 'blender 2.78c'; Frame = '1-5'; PriorityFrame = 1, 5 } }
    ) {
        $path = "D/submit/$Software.scene"
        $task = Submit-RbScene -Project $script:project -Path $path @Given -Confirm:$false
        $task | Should -BeOfType ([RenderbusPS.Core.Models.RbTask])
        $task.SceneName | Should -Be $path
        $task.ProjectName | Should -Be $script:project
        $task.TotalFrames | Should -Be $Frames
        $task.Extra['cg_soft_name'] | Should -Be $Given.Software
        @($script:emulator.Requests | Where-Object Operation -eq $Action).Count | Should -Be 1
        if ($Given.SubmitStopped) { $task.Status | Should -Be 'Stopped' }
        else { $task.Status | Should -Not -Be 'Stopped' }
    }

    It 'gives several paths several tasks in their order, also piped, and takes a path once' {
        $paths = 'D/multi/a.mb', 'D/multi/b.mb', 'D/multi/c.mb'
        $direct = Submit-RbScene -Project $script:project -Software 'maya 2015' -Frame 1-2 -Path $paths -Confirm:$false
        $direct.SceneName | Should -Be $paths
        @($direct.Id | Select-Object -Unique).Count | Should -Be 3
        @($script:emulator.Requests | Where-Object Operation -eq 'create_task').Count | Should -Be 1

        $piped = 'D/piped/a.mb', 'D/piped/b.mb', 'D/piped/a.mb' |
            Submit-RbScene -Project $script:project -Software 'maya 2015' -Frame 1 -Confirm:$false
        $piped.SceneName | Should -Be 'D/piped/a.mb', 'D/piped/b.mb'
    }

    It 'sends more than 100 paths in several requests, one task each' {
        $paths = 1..150 | ForEach-Object { 'p{0:d3}' -f $_ }
        $before = $script:emulator.TaskCount
        $tasks = $paths | Submit-RbScene -Project $script:project -Software 'maya 2015' -Frame 1 -Confirm:$false
        @($tasks).Count | Should -Be 150
        $tasks.SceneName | Should -Be $paths
        $script:emulator.TaskCount | Should -Be ($before + 150)
        @($script:emulator.Requests | Where-Object Operation -eq 'create_task').Count | Should -Be 2
    }

    It '-WhatIf sends nothing, and -Confirm asks once per path' {
        $before = $script:emulator.TaskCount
        $out = Submit-RbScene -Project $script:project -Software 'maya 2015' -Frame 1 -Path D/w/a.mb, D/w/b.mb -WhatIf
        $out | Should -BeNullOrEmpty
        $script:emulator.Requests | Should -BeNullOrEmpty
        $script:emulator.TaskCount | Should -Be $before
        # ConfirmImpact Medium: a preference of Medium asks, and a script that cannot answer stops before sending
        $ConfirmPreference = 'Medium'
        { Submit-RbScene -Project $script:project -Software 'maya 2015' -Frame 1 -Path D/w/a.mb -ErrorAction Stop } |
            Should -Throw
        $ConfirmPreference = 'High'
        $script:emulator.Requests | Should -BeNullOrEmpty
    }

    It 'reports a lost answer once as Rb.OutcomeUnknown, made one task, and says where to look' {
        $script:emulator.Faults.Add([RenderbusPS.Emulator.Faults.RbFault]@{ Operation = 'create_task'
                LoseAnswer = $true })
        $before = $script:emulator.TaskCount
        $out = Submit-RbScene -Project $script:project -Software 'maya 2015' -Frame 1 -Path D/lost/one.mb `
            -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'Rb.OutcomeUnknown*'
        $failed[0].TargetObject | Should -Be 'D/lost/one.mb'
        $failed[0].ErrorDetails.RecommendedAction | Should -Match "Get-RbTask -Keyword 'D/lost/one.mb'"
        @($script:emulator.Requests | Where-Object Operation -eq 'create_task').Count | Should -Be 1
        $script:emulator.TaskCount | Should -Be ($before + 1)
        @(Get-RbTask -Keyword 'D/lost/one.mb').Count | Should -Be 1
    }

    It 'never makes a task twice under 503s, dropped connections and HTML pages' {
        $rates = $script:emulator.Faults.Rates
        $rates.Seed = 7; $rates.Unavailable = 0.2; $rates.Dropped = 0.1; $rates.Html = 0.1
        $paths = 1..40 | ForEach-Object { "D/flaky/s$_.mb" }
        $tasks = $paths | ForEach-Object {
            Submit-RbScene -Project $script:project -Software 'maya 2015' -Frame 1 -Path $_ -Confirm:$false `
                -ErrorVariable +failed -ErrorAction SilentlyContinue
        }
        $rates.Clear()
        $counts = Get-TaskCountByScene
        foreach ($p in $paths) { [int]$counts[$p] | Should -BeLessOrEqual 1 }
        foreach ($t in $tasks) { $counts[$t.SceneName] | Should -Be 1 }
        @($tasks).Count + @($failed).Count | Should -Be 40
        # a failure that proves nothing was made (503s past the retries) left no task; the others say so
        foreach ($f in $failed | Where-Object { $_.FullyQualifiedErrorId -notlike 'Rb.OutcomeUnknown*' }) {
            [int]$counts[$f.TargetObject] | Should -Be 0
        }
        @($tasks).Count | Should -BeGreaterThan 20
    }

    It 'shows the tasks to a REST session on the same emulator alike' {
        $api2Tasks = Submit-RbScene -Project $script:project -Software 'maya 2015' -Frame 1-4 `
            -Path D/both/x.mb, D/both/y.mb -Confirm:$false
        $restTasks = Get-RbTask -Id $api2Tasks.Id -Session $script:rest
        $restTasks.Id | Should -Be $api2Tasks.Id
        $restTasks.ProjectName | Should -Be $api2Tasks.ProjectName
        $restTasks.TotalFrames | Should -Be $api2Tasks.TotalFrames
        $restTasks.Status | Should -Be $api2Tasks.Status
        $restTasks.SceneName | Should -Be 'x.mb', 'y.mb'
        (Get-RbTask -Session $script:rest -First 2).Id | Should -Be ($api2Tasks.Id | Sort-Object -Descending)
    }

    It 'refuses a REST session with Rb.NotInProtocol before sending, naming REST''s way' {
        { Submit-RbScene -Session $script:rest -Project $script:project -Software 'maya 2015' -Frame 1 -Path D/r.mb `
                -Confirm:$false } | Should -Throw -ErrorId 'Rb.NotInProtocol*'
        try { Submit-RbScene -Session $script:rest -Project p -Software 'maya 2015' -Frame 1 -Path D/r.mb }
        catch { $_.ErrorDetails.RecommendedAction | Should -Match 'Submit-RbTask' }
        $script:emulator.Requests | Should -BeNullOrEmpty
    }

    It 'refuses <Case> before any request with <Id>' -ForEach @(
        @{ Case = 'a bad frame range'; Id = 'Rb.InvalidFrameRange'; Given = @{ Frame = '10-1' } }
        @{ Case = 'a project name over 64'; Id = 'Rb.FieldTooLong'; Given = @{ Project = 'p' * 65 } }
        @{ Case = 'a Houdini version for Maya'; Id = 'Rb.SoftwareMismatch'; Given = @{ Software = 'houdini 13' } }
        @{ Case = 'a path with a comma'; Id = 'Rb.InvalidScenePath'; Given = @{ Path = 'D/a,b.mb' } }
        @{ Case = 'a node with an unknown key'; Id = 'Rb.InvalidHoudiniNode'
            Given = @{ Houdini = $true; Software = 'houdini 13'; Node = @{ Rop = '/out/m'; Frame = '1'; Take = 2 }
                Frame = $null } }
        @{ Case = 'a line break in the camera'; Id = 'Rb.FieldIllegalCharacters'; Given = @{ Camera = "a`nb" } }
    ) {
        $call = @{ Project = $script:project; Software = 'maya 2015'; Frame = '1'; Path = 'D/bad.mb' }
        foreach ($k in $Given.Keys) { if ($null -eq $Given[$k]) { $call.Remove($k) } else { $call[$k] = $Given[$k] } }
        $errors = @()
        try { Submit-RbScene @call -Confirm:$false -ErrorAction Stop } catch { $errors += $_ }
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike "$Id*"
        $errors[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        $script:emulator.Requests | Should -BeNullOrEmpty
    }

    It 'keeps the access key out of every stream, error and the request log' {
        $DebugPreference = 'Continue'
        $script:emulator.Faults.Add([RenderbusPS.Emulator.Faults.RbFault]@{ Operation = 'create_task'
                LoseAnswer = $true })
        $out = & {
            # the errors are written, as a script run with Continue would see them
            $ErrorActionPreference = 'Continue'
            $common = @{ Project = $script:project; Software = 'maya 2015'; Frame = 1; Confirm = $false
                Verbose = $true }
            Submit-RbScene @common -Path D/k/a.mb
            Submit-RbScene @common -Path D/k/b.mb
            Submit-RbScene -Project nope -Software 'maya 2015' -Frame 1 -Path D/k/c.mb -Confirm:$false
        } *>&1 | Out-String
        $DebugPreference = 'SilentlyContinue'
        $out | Should -Match 'create_task'
        $out | Should -Match 'Rb.OutcomeUnknown|may or may not'
        $out | Should -Not -Match ([regex]::Escape($script:key.Substring(1)))
        ($script:emulator.Requests | Format-List * | Out-String) |
            Should -Not -Match ([regex]::Escape($script:key.Substring(1)))
    }
}
