import { Body, Controller, Get, HttpCode, Ip, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AccountsService, InvalidCredentialsError, TooManyLoginAttemptsError, type Actor, LoginDto, Auth, CurrentActor, setSessionCookie, tokenFromRequest } from '../accounts/index.js';
import { AppConfig } from '../config/app-config.js';
import { field, validateForm } from '../common/forms.js';
import type { MessageKey } from '../i18n/i18n.js';
import { consolePage, safeNext } from '../common/console-page.js';
import { DashboardService } from './dashboard.service.js';

/** The console's entrance: its start page (the dashboard), signing in and signing out. */
@ApiExcludeController()
@Controller('admin')
export class ConsoleController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly dashboard: DashboardService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Auth()
  async home(@CurrentActor() actor: Actor, @Res() response: Response) {
    // Door staff have one page; a GET that may redirect cannot use @Render.
    if (actor.role === 'checkin') return response.redirect(303, '/admin/check-in');
    const seminars = await this.dashboard.upcoming(response.locals.lang);
    response.render('admin/dashboard', consolePage(actor, response.locals.t('admin.dashboard.title'), { seminars }));
  }

  @Get('login')
  async loginPage(@Query('next') next: unknown, @Req() request: Request, @Res() response: Response) {
    if (await this.accounts.authenticate(tokenFromRequest(request, this.config.sessionCookie))) return response.redirect(303, safeNext(next));
    response.render('admin/login', consolePage(null, response.locals.t('admin.login.title'), { next: safeNext(next), email: '' }));
  }

  @Post('login')
  @HttpCode(200)
  async login(@Body() body: unknown, @Ip() ip: string, @Res() response: Response) {
    const next = safeNext(field(body, 'next'));
    const values = { email: field(body, 'email', 300), password: field(body, 'password', 300) };
    // A malformed sign-in reads like a wrong one: the page never says which part was wrong.
    const form = await validateForm(LoginDto, values, () => 'admin.login.invalid');
    let error: MessageKey = 'admin.login.invalid';
    let status = 401;
    if (form.value) {
      try {
        const { accessToken, expiresAt } = await this.accounts.login(form.value.email, form.value.password, ip);
        setSessionCookie(response, this.config, accessToken, expiresAt);
        return response.redirect(303, next);
      } catch (caught) {
        if (caught instanceof TooManyLoginAttemptsError) [error, status] = ['admin.login.tooMany', 429];
        else if (!(caught instanceof InvalidCredentialsError)) throw caught;
      }
    }
    response.status(status).render('admin/login', consolePage(null, response.locals.t('admin.login.title'), { next, email: values.email, error }));
  }

  /** Revokes the session's token on the server (a copied cookie stops working too), then clears the cookie. */
  @Post('logout')
  async logout(@Req() request: Request, @Res() response: Response) {
    await this.accounts.revoke(tokenFromRequest(request, this.config.sessionCookie));
    response.clearCookie(this.config.sessionCookie, { httpOnly: true, sameSite: 'lax', secure: this.config.secureCookies, path: '/' });
    response.redirect(303, '/admin/login');
  }
}
