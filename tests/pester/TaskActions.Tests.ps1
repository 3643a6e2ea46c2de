#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# Task actions as a wrangler drives them against the local emulator: abandon, delete, resubmit, settings, labels and layers.

BeforeAll {
    $modulePath = Join-Path $PSScriptRoot '../../out/RenderbusPS/RenderbusPS.psd1'
    if (-not (Test-Path $modulePath)) {
        throw "The staged module is missing at $modulePath; run ./build.ps1 -Task Build first."
    }
    Import-Module $modulePath -Force
    $script:modulePath = $modulePath
    $script:emulator = Start-RbEmulator -Seed 7 -TaskCount 3000 -Confirm:$false
    Connect-Renderbus -Emulator $script:emulator

    function Get-Sent([string] $Operation) { @($emulator.Requests | Where-Object Operation -eq $Operation).Count }

    # runs a script in a runspace with no interactive host: any confirmation prompt fails there instead of waiting
    function Invoke-WithoutHost([scriptblock] $Script, [object[]] $Arguments) {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript('param($m, $e) Import-Module $m; Connect-Renderbus -Emulator $e').AddArgument($modulePath).AddArgument($emulator)
            $null = $ps.AddStatement().AddScript($Script.ToString())
            foreach ($a in $Arguments) { $null = $ps.AddArgument($a) }
            $output = try { $ps.Invoke() } catch { $_ }
            [pscustomobject]@{ Output = $output; Errors = @($ps.Streams.Error) + @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) }
        }
        finally { $ps.Dispose() }
    }
}

AfterAll {
    Disconnect-Renderbus -Confirm:$false
    Stop-RbEmulator -Confirm:$false
    Remove-Module RenderbusPS -Force -ErrorAction SilentlyContinue
}

Describe 'Stop-RbTask -Abandon' {
    It 'sends nothing with -WhatIf' {
        $tasks = Get-RbTask -Status Waiting -First 5
        $emulator.ClearRequests()
        $tasks | Stop-RbTask -Abandon -WhatIf
        Get-Sent 'abandonTask' | Should -Be 0
        (Get-RbTask -Id $tasks.Id).Status | Sort-Object -Unique | Should -Be 'Waiting'
    }

    It 'asks before abandoning as a High-impact action, while a plain stop does not ask' {
        $tasks = @(Get-RbTask -Status Waiting -First 2)
        $emulator.ClearRequests()
        $abandon = Invoke-WithoutHost { param($id) Stop-RbTask -Id $id -Abandon } $tasks[0].Id
        $abandon.Errors.Count | Should -BeGreaterThan 0
        Get-Sent 'abandonTask' | Should -Be 0
        (Get-RbTask -Id $tasks[0].Id).Status | Should -Be 'Waiting'
        $stop = Invoke-WithoutHost { param($id) Stop-RbTask -Id $id } $tasks[1].Id
        $stop.Errors.Count | Should -Be 0
        (Get-RbTask -Id $tasks[1].Id).Status | Should -Be 'Stopped'
        $quiet = Invoke-WithoutHost { param($id) Stop-RbTask -Id $id -Abandon -Confirm:$false } $tasks[0].Id
        $quiet.Errors.Count | Should -Be 0
        (Get-RbTask -Id $tasks[0].Id).Status | Should -Be 'Abandoned'
    }

    It 'abandons a pipeline of more than 100 tasks for good: frames stop and Start-RbTask refuses them' {
        # the farm's clock stands still meanwhile: a task that finished between the listing and the stop would be
        # refused, and its chunk sent again without it (a third call), which is right but not what this counts
        $speed = $emulator.Speed
        $emulator.Speed = 0
        try {
            $tasks = @(Get-RbTask -Status Rendering, Stopped | Select-Object -First 150)
            $tasks.Count | Should -Be 150
            $emulator.ClearRequests()
            $done = $tasks | Stop-RbTask -Abandon -Confirm:$false -PassThru
        }
        finally {
            $emulator.Speed = $speed
        }
        Get-Sent 'abandonTask' | Should -Be 2
        $done.Status | Sort-Object -Unique | Should -Be 'Abandoned'
        $done.ExecutingFrames | Measure-Object -Sum | ForEach-Object Sum | Should -Be 0
        $tasks | Select-Object -First 3 | Start-RbTask -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 3
        $errs | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'Rb.Fail,*' }
    }

    It 'reports a finished task on its own' {
        $finished = Get-RbTask -Status Finished -First 1
        Stop-RbTask -Id $finished.Id -Abandon -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].TargetObject | Should -Be $finished.Id
        $errs[0].Exception.Message | Should -Match 'finished'
    }
}

Describe 'Remove-RbTask' {
    It 'sends nothing with -WhatIf' {
        $tasks = Get-RbTask -Status Finished -First 3
        $emulator.ClearRequests()
        $tasks | Remove-RbTask -WhatIf
        Get-Sent 'deleteTask' | Should -Be 0
    }

    It 'moves tasks to the recycle bin, where Get-RbTask -Deleted lists them' {
        $tasks = @(Get-RbTask -Status Finished -First 120)
        $binBefore = @(Get-RbTask -Deleted).Count
        $deleted = $tasks | Remove-RbTask -Confirm:$false -PassThru
        $deleted.IsDeleted | Sort-Object -Unique | Should -BeTrue
        $live = (Get-RbTask -Status Finished).Id
        $tasks.Id | Where-Object { $live -contains $_ } | Should -BeNullOrEmpty
        @(Get-RbTask -Deleted).Count | Should -Be ($binBefore + 120)
    }

    It 'refuses a rendering task, naming its status, and deletes it once stopped' {
        $task = Get-RbTask -Status Rendering -First 1
        Remove-RbTask -Id $task.Id -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Rb.Fail,*'
        $errs[0].Exception.Message | Should -Match 'rendering'
        $task | Stop-RbTask -Confirm:$false
        ($task | Remove-RbTask -Confirm:$false -PassThru).IsDeleted | Should -BeTrue
    }
}

Describe 'Restart-RbTask' {
    It 'sends nothing with -WhatIf' {
        $emulator.ClearRequests()
        Get-RbTask -Status Failed -First 5 | Restart-RbTask -WhatIf
        Get-Sent 'recommitTasks' | Should -Be 0
    }

    It 'Get-RbTask -Status Failed, FinishedWithFailedFrames | Restart-RbTask restarts every task exactly once, then the farm renders them' {
        $failed = @(Get-RbTask -Status Failed, FinishedWithFailedFrames)
        $failed.Count | Should -BeGreaterThan 300
        $emulator.ClearRequests()
        $restarted = Get-RbTask -Status Failed, FinishedWithFailedFrames | Restart-RbTask -Confirm:$false -PassThru
        ($restarted.Id | Sort-Object) | Should -Be ($failed.Id | Sort-Object)
        Get-Sent 'recommitTasks' | Should -Be ([math]::Ceiling($failed.Count / 100))
        Get-RbTask -Status Failed, FinishedWithFailedFrames | Should -BeNullOrEmpty
        $restarted.Status | Sort-Object -Unique | Should -Be 'Waiting'
        $frames = $failed[0] | Get-RbFrame
        ($frames | Where-Object RecommitCount -gt 1) | Should -BeNullOrEmpty
        ($frames | Where-Object RecommitCount -eq 1).Status | Sort-Object -Unique | Should -Be 'Waiting'
        $emulator.Advance([timespan]::FromHours(8))
        $after = Get-RbTask -Id $failed[0..9].Id
        $after.FailedFrames | Measure-Object -Sum | ForEach-Object Sum | Should -Be 0
        $after.Status | Where-Object { $_ -notin 'Finished', 'FinishedWithStoppedFrames' } | Should -BeNullOrEmpty
    }

    It 'resubmits the frames of the statuses given with -FrameStatus' {
        $task = Get-RbTask -Status FinishedWithStoppedFrames -First 1
        $task.AbortedFrames | Should -BeGreaterThan 0
        $after = $task | Restart-RbTask -FrameStatus Stopped -Confirm:$false -PassThru
        $after.AbortedFrames | Should -Be 0
        $after.Status | Should -Be 'Waiting'
    }
}

Describe 'Set-RbTask' {
    It 'stores the priority, time-out, machine limit and hardware, and Get-RbTask reads them back' {
        $tasks = @(Get-RbTask -Status Stopped | Where-Object SoftwareId -ne 2000 | Select-Object -First 3)
        $emulator.ClearRequests()
        $set = $tasks | Set-RbTask -Priority 60 -TimeoutStop (New-TimeSpan -Hours 2) -MachineLimit 4 -HardwareConfig 303 -Confirm:$false -PassThru
        $set.Count | Should -Be 3
        Get-Sent 'updateTaskUserLevel' | Should -Be 3
        Get-Sent 'setTaskOverTimeStop' | Should -Be 1
        $read = Get-RbTask -Id $tasks.Id
        $read.Priority | Sort-Object -Unique | Should -Be 60
        $read.TimeoutStop | Sort-Object -Unique | Should -Be ([timespan]'02:00:00')
        $read.MachineLimit | Sort-Object -Unique | Should -Be 4
        $read.Ram | Sort-Object -Unique | Should -Be 128
    }

    It 'reads a plain number given to -TimeoutStop as seconds, as -TimeoutSec parameters do' {
        $task = Get-RbTask -Status Stopped -First 1
        $task | Set-RbTask -TimeoutStop 5400 -Confirm:$false
        (Get-RbTask -Id $task.Id).TimeoutStop | Should -Be ([timespan]'01:30:00')
        $task | Set-RbTask -TimeoutStop '7200' -Confirm:$false
        (Get-RbTask -Id $task.Id).TimeoutStop | Should -Be ([timespan]'02:00:00')
    }

    It 'renders on more than the default 10 nodes with -FullSpeed' {
        $tasks = @(Get-RbTask -Status Finished | Where-Object { $_.SubTasks.Count -eq 0 -and $_.TotalFrames -ge 30 } | Select-Object -First 2)
        $tasks.Count | Should -Be 2
        $tasks | Set-RbTask -MachineLimit 10 -Confirm:$false
        $tasks[0] | Set-RbTask -FullSpeed -Confirm:$false
        $tasks | Restart-RbTask -FrameStatus Finished -Confirm:$false
        $emulator.Advance([timespan]::FromMinutes(1))
        (Get-RbTask -Id $tasks[0].Id).ExecutingFrames | Should -BeGreaterThan 10
        (Get-RbTask -Id $tasks[1].Id).ExecutingFrames | Should -BeLessOrEqual 10
    }

    It 'sends nothing with -WhatIf, and refuses bad values before anything is sent' {
        $task = Get-RbTask -Status Stopped -First 1
        $emulator.ClearRequests()
        $task | Set-RbTask -FullSpeed -Priority 50 -WhatIf
        { $task | Set-RbTask -Priority 55 -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.InvalidPriority*'
        { $task | Set-RbTask -TimeoutStop '00:00:00.5' -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.InvalidTimeoutStop*'
        { $task | Set-RbTask -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.NoSetting*'
        $emulator.Requests | Should -BeNullOrEmpty
    }

    It 'reports each failed setting of each task on its own and applies the others' {
        $maya = Get-RbTask -Status Stopped | Where-Object SoftwareId -eq 2000 | Select-Object -First 1
        $out = $maya | Set-RbTask -HardwareConfig 337 -Priority 60 -Confirm:$false -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].TargetObject | Should -Be $maya.Id
        $errs[0].ErrorDetails.Message | Should -BeLike '-HardwareConfig:*'
        (Get-RbTask -Id $maya.Id).Priority | Should -Be 60
    }
}

Describe 'Add-RbTaskLabel and Remove-RbTaskLabel' {
    It 'labels a pipeline of tasks and shows the labels on them' {
        $tasks = @(Get-RbTask -Status Finished -First 110)
        $emulator.ClearRequests()
        $tasks | Add-RbTaskLabel -Name lookdev -Confirm:$false
        Get-Sent 'addTaskLabel' | Should -Be 2
        $labelled = Get-RbTask -Id $tasks.Id
        $labelled | ForEach-Object { $_.Labels.Name | Should -Contain 'lookdev' }
        $labelled[0].Labels[0].LabelId | Should -BeGreaterThan 0
    }

    It 'removes a label by name and by id, and says when a task does not have it' {
        $tasks = @(Get-RbTask -Status Finished -First 4)
        $tasks | Add-RbTaskLabel -Name client-review -Confirm:$false
        $after = $tasks[0..1] | Remove-RbTaskLabel -Name CLIENT-REVIEW -Confirm:$false -PassThru
        $after | ForEach-Object { $_.Labels.Name | Should -Not -Contain 'client-review' }
        $id = ((Get-RbTask -Id $tasks[2].Id).Labels | Where-Object Name -eq 'client-review').LabelId
        (Remove-RbTaskLabel -Id $tasks[2].Id -LabelId $id -Confirm:$false -PassThru).Labels.Name | Should -Not -Contain 'client-review'
        $tasks[0] | Remove-RbTaskLabel -Name client-review -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Rb.LabelNotFound*'
        (Get-RbTask -Id $tasks[3].Id).Labels.Name | Should -Contain 'client-review'
    }

    It 'sends nothing with -WhatIf and refuses a blank label' {
        $task = Get-RbTask -Status Finished -First 1
        $emulator.ClearRequests()
        $task | Add-RbTaskLabel -Name x -WhatIf
        $task | Remove-RbTaskLabel -Name lookdev -WhatIf
        { $task | Add-RbTaskLabel -Name '   ' -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.InvalidLabelName*'
        { $task | Remove-RbTaskLabel -Name ' ' -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.InvalidLabelName*'
        { $task | Remove-RbTaskLabel -LabelId 0 -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.InvalidId*'
        $emulator.Requests | Should -BeNullOrEmpty
    }
}

Describe 'Get-RbTask -IncludeLayers' {
    It 'writes each sub-task after its parent, knowing its parent' {
        $top = @(Get-RbTask -Status Finished -First 10)
        $all = @(Get-RbTask -Status Finished -First 10 -IncludeLayers)
        $subCount = ($top | ForEach-Object { $_.SubTasks.Count } | Measure-Object -Sum).Sum
        $subCount | Should -BeGreaterThan 0
        $all.Count | Should -Be ($top.Count + $subCount)
        $parent = $null
        foreach ($t in $all) {
            if ($null -eq $t.ParentId) { $parent = $t } else { $t.ParentId | Should -Be $parent.Id }
        }
    }

    It 'works with -Id' {
        $maya = Get-RbTask -Status Finished | Where-Object { $_.SubTasks.Count -gt 1 } | Select-Object -First 1
        $all = @(Get-RbTask -Id $maya.Id -IncludeLayers)
        $all[0].Id | Should -Be $maya.Id
        $all[1..($all.Count - 1)].ParentId | Sort-Object -Unique | Should -Be $maya.Id
        $all.Count | Should -Be (1 + $maya.SubTasks.Count)
    }
}

Describe 'Bulk changes and output walks with -ThrottleLimit' {
    BeforeAll {
        # a farm of its own: the tests above have moved the clock on until few tasks are still busy
        $script:outer = $emulator
        $script:emulator = Start-RbEmulator -Seed 9 -TaskCount 2500 -Confirm:$false
        Connect-Renderbus -Emulator $script:emulator
    }

    AfterAll {
        $script:emulator | Stop-RbEmulator -Confirm:$false
        $script:emulator = $script:outer
        Connect-Renderbus -Emulator $script:emulator
    }

    It 'Stop-RbTask -ThrottleLimit 2 gives each of a few hundred tasks its own answer, in order, as one request at a time does' {
        $busy = @(Get-RbTask -Status Waiting, Rendering, Preprocessing | Select-Object -First 260)
        $busy.Count | Should -Be 260
        $finished = @(Get-RbTask -Status Finished -First 2)
        $ids = @($busy[0..119].Id) + $finished[0].Id + @($busy[120..239].Id) + $finished[1].Id + @($busy[240..259].Id)
        $emulator.ClearRequests()
        $ids | Stop-RbTask -ThrottleLimit 4 -WhatIf
        Get-Sent 'stopTask' | Should -Be 0

        # 200 ids are gathered and sent as two calls at once, the last 62 at the end of the pipeline
        $out = @($ids | Stop-RbTask -ThrottleLimit 2 -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue)

        $out.Id | Should -Be $busy.Id
        $out.Status | Sort-Object -Unique | Should -Be 'Stopped'
        $errs.Count | Should -Be 2
        $errs.TargetObject | Should -Be $finished.Id
        $errs | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'Rb.Fail,*' }
        # three calls of up to 100 ids; the two with a finished task were refused, looked up once each, and their
        # other tasks sent again together
        Get-Sent 'stopTask' | Should -Be (3 + 2)
        $emulator.Requests | Where-Object Operation -eq 'stopTask' | ForEach-Object { $_.IdCount | Should -BeLessOrEqual 100 }
    }

    It 'Add-RbTaskLabel writes the same tasks and errors in the same order with -ThrottleLimit 8 as with 1' {
        $gone = @(Get-RbTask -Status Finished -First 2 | Remove-RbTask -Confirm:$false -PassThru)
        $tasks = @(Get-RbTask -First 300)
        $tasks.Count | Should -Be 300
        $ids = @($tasks[0..149].Id) + $gone[0].Id + @($tasks[150..299].Id) + $gone[1].Id

        $one = @($ids | Add-RbTaskLabel -Name 'one-at-a-time' -ThrottleLimit 1 -PassThru -ErrorVariable errOne -ErrorAction SilentlyContinue)
        $many = @($ids | Add-RbTaskLabel -Name 'several-at-once' -ThrottleLimit 8 -PassThru -ErrorVariable errMany -ErrorAction SilentlyContinue)

        $one.Id | Should -Be $tasks.Id
        $many.Id | Should -Be $one.Id
        $errOne.TargetObject | Should -Be $gone.Id
        $errMany.TargetObject | Should -Be $errOne.TargetObject
        $errMany.FullyQualifiedErrorId | Should -Be $errOne.FullyQualifiedErrorId
        $many | ForEach-Object { $_.Labels.Name | Should -Contain 'several-at-once' }
    }

    It 'Get-RbOutputFile -Recurse writes the same entries in the same order with -ThrottleLimit 6 as with 1' {
        $tasks = @(Get-RbTask -Status Finished -First 12)
        $emulator.ClearRequests()
        $one = @($tasks | Get-RbOutputFile -Recurse -ThrottleLimit 1 | ForEach-Object { '{0}|{1}|{2}' -f $_.Path, $_.Size, $_.TaskId })
        $sent = Get-Sent 'getOutputUserDirFile'
        $emulator.ClearRequests()
        $many = @($tasks | Get-RbOutputFile -Recurse -ThrottleLimit 6 | ForEach-Object { '{0}|{1}|{2}' -f $_.Path, $_.Size, $_.TaskId })

        $one.Count | Should -BeGreaterThan 50
        $many | Should -Be $one
        Get-Sent 'getOutputUserDirFile' | Should -Be $sent
    }

    It 'refuses a -ThrottleLimit outside 1 to 32 before anything is sent' {
        $emulator.ClearRequests()
        { Stop-RbTask -Id 1 -ThrottleLimit 0 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Get-RbOutputFile -Recurse -ThrottleLimit 33 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        $emulator.Requests | Should -BeNullOrEmpty
    }
}
