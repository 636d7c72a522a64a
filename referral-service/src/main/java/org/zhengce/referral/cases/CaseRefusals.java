package org.zhengce.referral.cases;

import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The workflow's refusals as the API answers them: 409 problems naming the stage and the steps it allows. */
@RestControllerAdvice
class CaseRefusals {

    @ExceptionHandler(CaseTransitionRefused.class)
    ErrorResponse refused(CaseTransitionRefused refused) {
        return CaseProblem.refused(refused);
    }
}
