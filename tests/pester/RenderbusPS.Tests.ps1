#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# The first slice of RenderbusPS as a user drives it: import the staged module (build.ps1 -Task Build makes it),
# start the local emulator, connect, list, and stop tasks through the pipeline with and without -WhatIf.

BeforeAll {
    $modulePath = Join-Path $PSScriptRoot '../../out/RenderbusPS/RenderbusPS.psd1'
    if (-not (Test-Path $modulePath)) {
        throw "The staged module is missing at $modulePath; run ./build.ps1 -Task Build first."
    }
    Import-Module $modulePath -Force
    $script:emulator = Start-RbEmulator -Seed 3 -Confirm:$false
    $script:key = [System.Net.NetworkCredential]::new('', $script:emulator.AccessKey).Password
    Connect-Renderbus -Emulator $script:emulator
}

AfterAll {
    Disconnect-Renderbus -Confirm:$false
    Stop-RbEmulator -Confirm:$false
    Remove-Module RenderbusPS -Force -ErrorAction SilentlyContinue
}

BeforeDiscovery {
    # the lists come from the manifest, never from this file
    $script:manifestData = Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../RenderbusPS.psd1')
}

Describe 'The module' {
    It 'exports exactly the cmdlets its manifest names' {
        $manifest = Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../RenderbusPS.psd1')
        (Get-Command -Module RenderbusPS).Name | Sort-Object | Should -Be ($manifest.CmdletsToExport | Sort-Object)
    }

    It 'has help with a synopsis and examples for <_>' -ForEach $manifestData.CmdletsToExport {
        $help = Get-Help -Name $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match ([regex]::Escape("$_ ["))
        @($help.Examples.Example).Count | Should -BeGreaterThan 1
    }

    It 'has an about topic' {
        Get-Help about_RenderbusPS | Out-String | Should -Match 'Start-RbEmulator'
    }
}

Describe 'Connect-Renderbus' {
    It 'writes nothing without -PassThru and makes the session the default' {
        $output = Connect-Renderbus -Emulator $emulator
        $output | Should -BeNullOrEmpty
        (Get-RbSession).Domain | Should -Be ($emulator.Domain -replace '^http://', '')
        (Get-RbSession).UserName | Should -Be 'rb_emulator_3'
    }

    It 'returns the session with -PassThru' {
        $session = Connect-Renderbus -Emulator $emulator -PassThru
        $session | Should -BeOfType ([RenderbusPS.Core.RbSession])
        $session.IsLocal | Should -BeTrue
    }

    It 'connects with -AccessId and -AccessKey to the emulator URL' {
        $session = Connect-Renderbus -AccessId $emulator.AccessId -AccessKey $emulator.AccessKey -Domain $emulator.Domain -Platform $emulator.Platform -PassThru
        $session.AccessId | Should -Be $emulator.AccessId
    }

    It 'fails with Rb.SignatureInvalid on a wrong key and keeps the previous session' {
        $before = Get-RbSession
        $wrong = ConvertTo-SecureString 'not-the-key' -AsPlainText -Force
        { Connect-Renderbus -AccessId $emulator.AccessId -AccessKey $wrong -Domain $emulator.Domain -Platform $emulator.Platform -ErrorAction Stop } |
            Should -Throw -ErrorId 'Rb.SignatureInvalid*'
        Get-RbSession | Should -Be $before
    }

    It 'refuses plain http to a host that is not local' {
        $cred = [pscredential]::new('id', (ConvertTo-SecureString 'key' -AsPlainText -Force))
        { Connect-Renderbus -Credential $cred -Domain 'http://task.renderbus.com' -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.InvalidDomain*'
    }

    It 'reads the credential from RAYVISION_API_ACCESS_ID and RAYVISION_API_KEY' {
        $env:RAYVISION_API_ACCESS_ID = $emulator.AccessId
        $env:RAYVISION_API_KEY = $key
        try {
            $session = Connect-Renderbus -Domain $emulator.Domain -Platform $emulator.Platform -PassThru
            $session.UserName | Should -Be 'rb_emulator_3'
        }
        finally {
            Remove-Item Env:RAYVISION_API_ACCESS_ID, Env:RAYVISION_API_KEY -ErrorAction SilentlyContinue
        }
    }

    It 'keeps the key out of every view, the JSON form and the verbose stream' {
        $verbose = Connect-Renderbus -Emulator $emulator -Verbose 4>&1 | Out-String
        $session = Get-RbSession
        $texts = @(
            $verbose
            ($session | Format-List * | Out-String)
            ($session | Format-Table | Out-String)
            ($session | ConvertTo-Json -Depth 2 -WarningAction SilentlyContinue)
            ($emulator | Format-List * | Out-String)
            (Get-RbTask -First 3 -Verbose 4>&1 | Out-String)
        )
        foreach ($text in $texts) {
            $text | Should -Not -Match ([regex]::Escape($key))
        }
    }
}

Describe 'Account cmdlets' {
    BeforeAll {
        Connect-Renderbus -Emulator $emulator
    }

    It 'Get-RbPlatform lists the platforms of the zone' {
        $platforms = Get-RbPlatform
        $platforms.Platform | Should -Contain $emulator.Platform
        $platforms[0] | Should -BeOfType ([RenderbusPS.Core.Models.RbPlatform])
    }

    It 'Get-RbUser shows the account' {
        $user = Get-RbUser
        $user.UserName | Should -Be 'rb_emulator_3'
        $user.Zone | Should -Be 1
        $user.Balance | Should -BeGreaterThan 0
    }

    It 'Disconnect-Renderbus -WhatIf keeps the session and Disconnect-Renderbus removes it' {
        Disconnect-Renderbus -WhatIf
        Get-RbSession | Should -Not -BeNullOrEmpty
        Disconnect-Renderbus -Confirm:$false
        Get-RbSession | Should -BeNullOrEmpty
        { Get-RbUser -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.NoSession*'
        Connect-Renderbus -Emulator $emulator
        (Get-RbUser).UserName | Should -Be 'rb_emulator_3'
    }

    It 'fails clearly when the emulator is stopped' {
        $other = Start-RbEmulator -Seed 9 -TaskCount 5 -Confirm:$false
        $other | Stop-RbEmulator -Confirm:$false
        $other.IsRunning | Should -BeFalse
        { Connect-Renderbus -Emulator $other -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.EmulatorStopped*'
    }
}

Describe 'Sessions in other runspaces, jobs and reconnects' {
    It 'closes the default session that a new Connect-Renderbus replaces, but not one kept with -PassThru' {
        Connect-Renderbus -Emulator $emulator
        $replaced = Get-RbSession
        $kept = Connect-Renderbus -Emulator $emulator -PassThru
        $replaced.IsConnected | Should -BeFalse
        { Get-RbUser -Session $replaced -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.SessionClosed*'
        Connect-Renderbus -Emulator $emulator
        $kept.IsConnected | Should -BeTrue
        (Get-RbUser -Session $kept).UserName | Should -Be 'rb_emulator_3'
        Disconnect-Renderbus -Session $kept -Confirm:$false
    }

    It 'uses a live session passed with -Session in another runspace of the process' {
        $session = Connect-Renderbus -Emulator $emulator -PassThru
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("param(`$s) Import-Module '$((Get-Module RenderbusPS).Path)'; (Get-RbTask -First 2 -Session `$s).Id").AddArgument($session)
            $ids = $ps.Invoke()
            $ids.Count | Should -Be 2
            $ids | Should -Be (Get-RbTask -First 2).Id
        }
        finally {
            $ps.Dispose()
        }
    }

    It 'connects inside a background job from the environment variables, as about_RenderbusPS says' {
        $env:RAYVISION_API_ACCESS_ID = $emulator.AccessId
        $env:RAYVISION_API_KEY = $key
        try {
            $job = Start-Job -ArgumentList (Get-Module RenderbusPS).Path, $emulator.Domain, $emulator.Platform -ScriptBlock {
                param($module, $domain, $platform)
                Import-Module $module
                Connect-Renderbus -Domain $domain -Platform $platform
                (Get-RbUser).UserName
                (Get-RbTask -First 1).Id
            }
            $out = $job | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop
        }
        finally {
            Remove-Item Env:RAYVISION_API_ACCESS_ID, Env:RAYVISION_API_KEY -ErrorAction SilentlyContinue
        }
        $out[0] | Should -Be 'rb_emulator_3'
        $out[1] | Should -Be (Get-RbTask -First 1).Id
    }
}

Describe 'Ctrl+C' {
    It 'stops a listing promptly while a request is in flight' {
        $session = Connect-Renderbus -Emulator $emulator -PassThru
        $emulator.Faults.Delay = [timespan]::FromSeconds(5)
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("param(`$s) Import-Module '$((Get-Module RenderbusPS).Path)'; Get-RbTask -Session `$s").AddArgument($session)
            $async = $ps.BeginInvoke()
            Start-Sleep -Milliseconds 1500
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 3
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally {
            $emulator.Faults.Delay = [timespan]::Zero
            $ps.Dispose()
        }
        (Get-RbUser -Session $session).UserName | Should -Be 'rb_emulator_3'
    }
}

Describe 'A runspace without a session' {
    It 'gets Rb.NoSession from Get-RbTask' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$((Get-Module RenderbusPS).Path)'; try { Get-RbTask -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId }")
            $ids = $ps.Invoke()
            $ids | Should -BeLike 'Rb.NoSession*'
        }
        finally {
            $ps.Dispose()
        }
    }
}

Describe 'Get-RbTask' {
    BeforeAll {
        Connect-Renderbus -Emulator $emulator
    }

    It 'pages through every live task' {
        $all = Get-RbTask -PageSize 17
        $all.Count | Should -BeGreaterThan 200
        ($all.Id | Sort-Object -Unique).Count | Should -Be $all.Count
        $all[0] | Should -BeOfType ([RenderbusPS.Core.Models.RbTask])
    }

    It 'filters by status' {
        $rendering = Get-RbTask -Status Rendering
        $rendering | Should -Not -BeNullOrEmpty
        $rendering.Status | Sort-Object -Unique | Should -Be 'Rendering'
    }

    It 'honours -Skip, -First and -IncludeTotalCount' {
        $six = Get-RbTask -First 6
        $page = Get-RbTask -Skip 5 -First 1
        $page.Id | Should -Be $six[5].Id
        $counted = Get-RbTask -IncludeTotalCount -First 2
        [uint64]$counted[0].psobject.BaseObject | Should -Be @(Get-RbTask).Count
        $counted.Count | Should -Be 3
    }

    It 'finds the tasks submitted in the last 24 hours' {
        $since = (Get-Date).AddHours(-24)
        $recent = Get-RbTask -SubmittedAfter $since
        $recent | Should -Not -BeNullOrEmpty
        $recent | ForEach-Object { $_.SubmittedAt.LocalDateTime | Should -BeGreaterOrEqual $since.AddSeconds(-1) }
    }

    It 'refuses a time window that can match nothing and sends nothing' {
        $emulator.ClearRequests()
        Get-RbTask -SubmittedAfter (Get-Date) -SubmittedBefore (Get-Date).AddDays(-3) -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Rb.InvalidTimeRange*'
        $errs[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        $emulator.Requests | Should -BeNullOrEmpty
    }

    It 'honours -First and -Skip with -Id' {
        $five = Get-RbTask -First 5
        (Get-RbTask -Id $five.Id -Skip 1 -First 2).Id | Should -Be $five.Id[1..2]
    }

    It 'returns the task of a piped frame, never a task whose id is the frame id' {
        $task = Get-RbTask -Status Finished | Where-Object TotalFrames -gt 0 | Select-Object -First 1
        $frame = $task | Get-RbFrame -First 1
        $frame.TaskId | Should -BeIn (@($task.Id) + @($task.SubTasks.Id))
        $owner = $frame | Get-RbTask
        $owner.Id | Should -Be $frame.TaskId
        $owner.Id | Should -Not -Be $frame.FrameId
    }

    It 'shows a table that fits 120 columns with nothing cut' {
        $text = Get-RbTask -First 5 | Format-Table | Out-String -Width 120
        $text | Should -Match 'SubmittedAt'
        $text | Should -Not -Match ([char]0x2026)
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 120 }) | Should -BeNullOrEmpty
    }

    It 'looks tasks up by id and reports an unknown id per id' {
        $known = Get-RbTask -First 1
        $found = Get-RbTask -Id $known.Id, 42 -ErrorVariable errs -ErrorAction SilentlyContinue
        $found.Id | Should -Be $known.Id
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Rb.TaskNotFound*'
        $errs[0].TargetObject | Should -Be 42
    }
}

Describe 'Stop-RbTask and Start-RbTask' {
    BeforeAll {
        Connect-Renderbus -Emulator $emulator
    }

    It 'changes nothing with -WhatIf' {
        $before = Get-RbTask -Status Rendering
        $emulator.ClearRequests()
        $before | Stop-RbTask -WhatIf
        @(Get-RbTask -Status Rendering).Count | Should -Be @($before).Count
        $emulator.Requests | Where-Object Operation -eq 'stopTask' | Should -BeNullOrEmpty
    }

    It 'stops the rendering tasks piped from Get-RbTask in as few calls as the catalog allows' {
        $rendering = Get-RbTask -Status Rendering
        $emulator.ClearRequests()
        $rendering | Stop-RbTask -Confirm:$false
        Get-RbTask -Status Rendering | Should -BeNullOrEmpty
        (Get-RbTask -Id $rendering.Id).Status | Sort-Object -Unique | Should -Be 'Stopped'
        @($emulator.Requests | Where-Object Operation -eq 'stopTask').Count | Should -Be ([math]::Ceiling(@($rendering).Count / 100))
    }

    It 'reports one error per task that cannot be stopped' {
        $finished = Get-RbTask -Status Finished -First 2
        $finished | Stop-RbTask -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 2
        $errs | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'Rb.Fail,*' }
        $errs.TargetObject | Sort-Object | Should -Be ($finished.Id | Sort-Object)
        (Get-RbTask -Id $finished.Id).Status | Sort-Object -Unique | Should -Be 'Finished'
    }

    It 'asks once about a task that comes down the pipeline twice and reports a bad id on its own' {
        $task = Get-RbTask -Status Waiting -First 1
        $asked = $task, $task, 0 | Stop-RbTask -Verbose -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'Performing the operation' }
        @($asked).Count | Should -Be 1
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Rb.InvalidId*'
        (Get-RbTask -Id $task.Id).Status | Should -Be 'Stopped'
    }

    It 'stops the task of a piped frame and returns that task with -PassThru' {
        $task = Get-RbTask -Status Waiting | Where-Object TotalFrames -gt 0 | Select-Object -First 1
        $frame = Get-RbFrame -TaskId $task.Id -First 1
        $stopped = $frame | Stop-RbTask -PassThru -Confirm:$false
        $stopped.Id | Should -Be $frame.TaskId
        $stopped.Id | Should -Not -Be $frame.FrameId
        $stopped.Status | Should -Be 'Stopped'
    }

    It 'starts stopped tasks again and writes them with -PassThru' {
        $stopped = Get-RbTask -Status Stopped -First 3
        $started = $stopped | Start-RbTask -PassThru -Confirm:$false
        $started.Id | Sort-Object | Should -Be ($stopped.Id | Sort-Object)
        $started.Status | Sort-Object -Unique | Should -Be 'Waiting'
    }
}

Describe 'A pipeline that changes what its listing filters on, at farm size' {
    BeforeAll {
        $script:farm = Start-RbEmulator -Seed 4 -TaskCount 10000 -Confirm:$false
        $script:farmSession = Connect-Renderbus -Emulator $farm -PassThru
        Connect-Renderbus -Emulator $emulator
    }

    AfterAll {
        Disconnect-Renderbus -Session $farmSession -Confirm:$false
        $farm | Stop-RbEmulator -Confirm:$false
    }

    It 'Get-RbTask -Status Rendering | Stop-RbTask leaves no task of 10,000 rendering, in one stop call per 100 tasks' {
        $rendering = @(Get-RbTask -Status Rendering -Session $farmSession)
        $rendering.Count | Should -BeGreaterThan 300
        $farm.ClearRequests()
        Get-RbTask -Status Rendering -Session $farmSession | Stop-RbTask -Session $farmSession -Confirm:$false
        $stopCalls = @($farm.Requests | Where-Object Operation -eq 'stopTask').Count
        $listCalls = @($farm.Requests | Where-Object Operation -eq 'getTaskList').Count
        Get-RbTask -Status Rendering -Session $farmSession | Should -BeNullOrEmpty
        $stopCalls | Should -Be ([math]::Ceiling($rendering.Count / 100))
        # one listing call per page, plus the pages read ahead before the first stop renumbered the list (the
        # session's limit, 4); from the first stop on, the listing reads one page at a time
        $listCalls | Should -BeGreaterOrEqual ([math]::Ceiling($rendering.Count / 100))
        $listCalls | Should -BeLessOrEqual ([math]::Ceiling($rendering.Count / 100) + $farmSession.ThrottleLimit)
        (Get-RbTask -Id $rendering.Id -Session $farmSession).Status | Sort-Object -Unique | Should -Be 'Stopped'
    }

    It 'Get-RbTask -Status Stopped | Start-RbTask starts every stopped task exactly once' {
        $stopped = @(Get-RbTask -Status Stopped -Session $farmSession)
        $stopped.Count | Should -BeGreaterThan 300
        $farm.ClearRequests()
        $started = Get-RbTask -Status Stopped -Session $farmSession | Start-RbTask -Session $farmSession -PassThru -Confirm:$false
        Get-RbTask -Status Stopped -Session $farmSession | Should -BeNullOrEmpty
        ($started.Id | Sort-Object) | Should -Be ($stopped.Id | Sort-Object)
        @($farm.Requests | Where-Object Operation -eq 'startTask').Count | Should -Be ([math]::Ceiling($stopped.Count / 100))
    }

    It 'Get-RbTask | Stop-RbTask over every task sends only the ones that can be stopped, 100 to a call, and reports each other one' {
        $all = @(Get-RbTask -Session $farmSession)
        $stoppable = @($all | Where-Object { $_.Status -in 'Waiting', 'Rendering', 'Preprocessing' })
        $stoppable.Count | Should -BeGreaterThan 100
        $farm.ClearRequests()
        Get-RbTask -Session $farmSession | Stop-RbTask -Session $farmSession -Confirm:$false -ErrorVariable refused -ErrorAction SilentlyContinue
        @($farm.Requests | Where-Object Operation -eq 'stopTask').Count | Should -Be ([math]::Ceiling($stoppable.Count / 100))
        $refused.Count | Should -Be ($all.Count - $stoppable.Count)
        $refused | Select-Object -ExpandProperty FullyQualifiedErrorId -Unique | Should -BeLike 'Rb.Fail,*'
        $refused[0].Exception.Message | Should -BeLike '*nothing was sent*'
        ($refused.TargetObject | Sort-Object) | Should -Be (($all | Where-Object { $_ -notin $stoppable }).Id | Sort-Object)
    }

    It 'sends tasks kept in a variable, whose status may be out of date, and lets the service decide' {
        $kept = @(Get-RbTask -Status Stopped -First 3 -Session $farmSession)
        $kept | Start-RbTask -Session $farmSession -Confirm:$false
        $farm.ClearRequests()
        # $kept still says Stopped; the tasks are waiting now, so the service stops them
        $kept | Stop-RbTask -Session $farmSession -Confirm:$false
        @($farm.Requests | Where-Object Operation -eq 'stopTask').Count | Should -Be 1
        (Get-RbTask -Id $kept.Id -Session $farmSession).Status | Sort-Object -Unique | Should -Be 'Stopped'
        $kept | Start-RbTask -Session $farmSession -Confirm:$false
        (Get-RbTask -Id $kept.Id -Session $farmSession).Status | Should -Not -Contain 'Stopped'
    }

    It 'sends a task given as a plain object (a CSV row) whatever its columns say, and lets the service decide' {
        $stopped = Get-RbTask -Status Stopped -First 1 -Session $farmSession
        $farm.ClearRequests()
        [pscustomobject]@{ Id = $stopped.Id } | Start-RbTask -Session $farmSession -Confirm:$false
        @($farm.Requests | Where-Object Operation -eq 'startTask').Count | Should -Be 1
        (Get-RbTask -Id $stopped.Id -Session $farmSession).Status | Should -Not -Be 'Stopped'
    }
}

Describe 'Get-RbFrame' {
    It 'lists the frames of a piped task' {
        $task = Get-RbTask -Status Finished | Where-Object TotalFrames -gt 0 | Select-Object -First 1
        $frames = $task | Get-RbFrame
        $frames.Count | Should -Be $task.TotalFrames
        $frames.Status | Sort-Object -Unique | Should -Be 'Finished'
    }

    It 'reads a piped frame again, and applies -First across tasks' {
        $tasks = Get-RbTask -Status Finished | Where-Object TotalFrames -gt 0 | Select-Object -First 2
        $frame = $tasks[0] | Get-RbFrame -Skip 1 -First 1
        $again = $frame | Get-RbFrame
        $again.FrameId | Should -Be $frame.FrameId
        $again.TaskId | Should -Be $frame.TaskId
        @($tasks | Get-RbFrame -First ($tasks[0].TotalFrames + 1)).Count | Should -Be ($tasks[0].TotalFrames + 1)
    }
}

Describe 'Software and render environments' {
    It 'lists the software catalog and its versions' {
        (Get-RbSoftware).Name | Should -Contain 'Maya'
        (Get-RbSoftware -Name Maya -ListVersion -OS Linux).Version | Should -Contain '2023'
    }

    It 'creates nothing with -WhatIf' {
        New-RbRenderEnv -Name pester-whatif -Software Maya -Version 2023 -WhatIf
        Get-RbRenderEnv -Name pester-whatif -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'creates an environment resolved through the catalog and lists it afterwards' {
        $created = New-RbRenderEnv -Name pester-maya -Software maya -Version 2023 -OS Linux -Plugin redshift -Confirm:$false
        $created.Name | Should -Be 'pester-maya'
        $listed = Get-RbRenderEnv -Name pester-maya -Software Maya
        $listed.OS | Should -Be 'Linux'
        $listed.Plugins.Name | Should -Be 'redshift'
    }

    It 'refuses an unknown version with a clear error and changes nothing' {
        $before = @(Get-RbRenderEnv).Count
        New-RbRenderEnv -Name pester-bad -Software Maya -Version 1999 -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Rb.UnknownSoftwareVersion*'
        $errs[0].ErrorDetails.RecommendedAction | Should -Match '2023'
        @(Get-RbRenderEnv).Count | Should -Be $before
    }
}
